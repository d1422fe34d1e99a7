package sr.gov.vpflow.platform.web;

import java.time.OffsetDateTime;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import sr.gov.vpflow.platform.OfficeTime;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The API writes every time with the office's offset (America/Paramaribo), ISO-8601, and refuses
 * a request body with a member the operation does not know ({@code validation_failed},
 * {@code unknown_field}) instead of ignoring it: a misspelt member is an error, not a no-op.
 */
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

    /**
     * Request bodies are read strictly; answers are written by the usual converter, and the
     * application's own JSON (audit details, passkey answers, ...) is read as before.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer strictRequestBodies(JsonMapper json) {
        JsonMapper strict = json.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return builder -> builder.addCustomConverter(new JacksonJsonHttpMessageConverter(strict) {
            @Override
            public boolean canWrite(Class<?> clazz, MediaType mediaType) {
                return false;
            }

            @Override
            public boolean canWrite(ResolvableType type, Class<?> clazz, MediaType mediaType) {
                return false;
            }
        });
    }
}
