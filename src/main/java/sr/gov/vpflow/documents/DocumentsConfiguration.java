package sr.gov.vpflow.documents;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import sr.gov.vpflow.platform.SchemaFeatures;

/** The document store (the local file system by default) and its clean start. */
@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {

    @Bean
    DocumentStore documentStore(DocumentSettings settings) {
        return new LocalFileStore(settings.storage());
    }

    @Bean
    ContentTypes contentTypes() {
        return new ContentTypes();
    }

    @Bean
    AbandonedUploads abandonedUploads(DocumentStore store) {
        return new AbandonedUploads(store);
    }

    /** At start-up, removes the temporary files of uploads cut off by a crash (none of a running instance). */
    static final class AbandonedUploads {
        private final DocumentStore store;

        AbandonedUploads(DocumentStore store) {
            this.store = store;
        }

        @EventListener(ApplicationReadyEvent.class)
        void clean() {
            store.cleanAbandonedUploads();
        }
    }

    /** On a database without v1.1-A every document page and endpoint answers 404, as if it did not exist. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class OnlyWithDocuments implements WebMvcConfigurer {

        private final SchemaFeatures features;

        OnlyWithDocuments(SchemaFeatures features) {
            this.features = features;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                        @Override
                        public boolean preHandle(
                                HttpServletRequest request, HttpServletResponse response, Object handler) {
                            if (!features.isDocuments()) {
                                throw DocumentException.notFound();
                            }
                            return true;
                        }
                    })
                    .addPathPatterns("/api/v1/documents", "/api/v1/documents/**", "/documents", "/documents/**");
            registry.addInterceptor(new HandlerInterceptor() {
                        /*
                         * An upload refused for its size leaves its body unread: the refusal is sent at
                         * once and the connection closed, instead of Tomcat trying to read the rest first.
                         */
                        @Override
                        public void afterCompletion(
                                HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex)
                                throws java.io.IOException {
                            if (response.getStatus() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                                    && !response.isCommitted()) {
                                response.setHeader("Connection", "close");
                                response.flushBuffer();
                            }
                        }
                    })
                    .addPathPatterns("/api/v1/documents", "/documents");
        }
    }
}
