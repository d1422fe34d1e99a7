package sr.gov.vpflow.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description names fields as the API writes them: snake_case, like the database's
 * columns. (The description is built with its own JSON mapper, which does not read the
 * application's naming setting.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OpenApiConfiguration {

    @Bean
    ModelResolver snakeCaseModels(ObjectProvider<ObjectMapperProvider> mappers) {
        ObjectMapperProvider provider = mappers.getIfAvailable();
        ObjectMapper base = provider != null ? provider.jsonMapper() : Json.mapper();
        return new ModelResolver(base.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
