package sr.gov.vpflow.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The OpenAPI description: what it describes (VP-Flow's API, this build's version), the three ways
 * a client proves who it is (a personal access token, HTTP Basic for accounts without a second
 * factor, the web session's cookie), and fields named as the API writes them: snake_case, like the
 * database's columns. (The description is built with its own JSON mapper, which does not read the
 * application's naming setting.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OpenApiConfiguration {

    @Bean
    OpenAPI vpflowApi(@Value("${vpflow.version}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("VP-Flow API")
                        .version(version)
                        .description("Appointments, guests, cases, documents and the audit log of the Office of the"
                                + " Vice President of Suriname. Errors are RFC 9457 problem details with a stable"
                                + " code."))
                .servers(List.of(new Server()
                        .url("/")
                        .description("this server: the description is served by the API it describes")))
                .components(new Components()
                        .addSchemas(ApiRefusals.PROBLEM, ApiRefusals.problem())
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A personal access token, made on the account page or with"
                                                + " POST /api/v1/me/tokens."))
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("Username and password, for accounts without a second factor;"
                                                + " too many failures from one address are answered 429."))
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("VPFLOW_SESSION")
                                        .description("The web session of a signed-in browser (changes also need the"
                                                + " X-CSRF-TOKEN header of the page).")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }

    /** Added to the converters after the snake_case resolver, so that it comes first in the chain. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ApiSchemas.NullableMembers nullableMembers() {
        return new ApiSchemas.NullableMembers();
    }

    @Bean
    ApiSchemas.RequiredMembers requiredMembers() {
        return new ApiSchemas.RequiredMembers();
    }

    @Bean
    ApiRefusals apiRefusals() {
        return new ApiRefusals();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ModelResolver snakeCaseModels(ObjectProvider<ObjectMapperProvider> mappers) {
        ObjectMapperProvider provider = mappers.getIfAvailable();
        ObjectMapper base = provider != null ? provider.jsonMapper() : Json.mapper();
        return new ModelResolver(base.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
