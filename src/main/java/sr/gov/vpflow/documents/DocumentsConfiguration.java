package sr.gov.vpflow.documents;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.storage.S3ObjectStore;

/** The document store (the local file system by default, or a bucket) and its clean start. */
@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DocumentsConfiguration.class);

    @Bean
    DocumentStore documentStore(DocumentSettings settings, Clock clock) {
        DocumentStore store = create(settings.kind(), settings, clock);
        log.info("document contents are stored in {}", where(store, settings));
        return store;
    }

    /** A store of either kind, from the operator's settings (VPFLOW_STORAGE_DIR, VPFLOW_S3_*). */
    static DocumentStore create(String kind, DocumentSettings settings, Clock clock) {
        if (!DocumentSettings.S3.equals(kind)) {
            return new LocalFileStore(settings.storage());
        }
        DocumentSettings.S3 s3 = settings.s3();
        if (s3 == null || s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException(
                    "VPFLOW_S3_BUCKET must name the bucket of the document store (VPFLOW_STORAGE=s3)");
        }
        S3ObjectStore bucket;
        try {
            bucket = new S3ObjectStore(
                    "s3://" + s3.bucket(), s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey(), s3.pathStyle());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "VPFLOW_S3_BUCKET or VPFLOW_S3_ENDPOINT is not valid: " + e.getMessage(), e);
        }
        // uploads are received here, hashed, and only then sent to the bucket
        LocalFileStore staging = new LocalFileStore(settings.staging());
        return new S3DocumentStore(bucket, staging, Duration.ofHours(s3.abandonedUploadHours()), clock);
    }

    /** Where a store keeps the contents, for logs and reports (never a secret). */
    static String where(DocumentStore store, DocumentSettings settings) {
        return store instanceof S3DocumentStore s3
                ? DocumentSettings.S3 + " " + s3.location()
                : DocumentSettings.LOCAL + " "
                        + settings.storage().toAbsolutePath().normalize();
    }

    @Bean
    ContentTypes contentTypes() {
        return new ContentTypes();
    }

    @Bean
    AbandonedUploads abandonedUploads(DocumentStore store) {
        return new AbandonedUploads(store);
    }

    /**
     * At start-up, removes the temporary files of uploads cut off by a crash (none of a running
     * instance) and, in a bucket, the multipart uploads never completed that are older than any
     * running upload could be.
     */
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
