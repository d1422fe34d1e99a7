package sr.gov.vpflow.platform.web;

import java.time.OffsetDateTime;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import sr.gov.vpflow.platform.OfficeTime;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/** The API writes every time with the office's offset (America/Paramaribo), ISO-8601. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer officeTimes() {
        SimpleModule module = new SimpleModule("vpflow-office-time");
        module.addSerializer(OffsetDateTime.class, new ValueSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator gen, SerializationContext context) {
                gen.writeString(IsoOffsetTimes.format(OfficeTime.inOffice(value)));
            }
        });
        return builder -> builder.addModule(module);
    }
}
