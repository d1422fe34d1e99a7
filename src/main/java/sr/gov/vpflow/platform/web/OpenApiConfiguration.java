package sr.gov.vpflow.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description names fields as the API writes them: snake_case, like the database's
 * columns. (The description is built with its own JSON mapper, which does not read the
 * application's naming setting.)
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    ModelResolver snakeCaseModels(ObjectMapperProvider mappers) {
        return new ModelResolver(
                mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
