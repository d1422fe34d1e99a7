package sr.gov.vpflow.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which schema features the database has, so that the application offers v1.1-A features only on
 * a database that carries v1.1-A and runs exactly as v1.0 otherwise (DESIGN.md section 3). Detected
 * at start-up, after a migration plan or restore in this process ({@link SchemaChanged}), and again
 * at most a minute after the last look ({@code vpflow.schema.recheck}), so that a server notices a
 * plan that the command line, or another server, applied beside it.
 */
@Component
public class SchemaFeatures {

    private static final Logger log = LoggerFactory.getLogger(SchemaFeatures.class);

    private final JdbcClient catalog;
    private final Clock clock;
    private final Duration recheck;
    private volatile Detected detected;

    SchemaFeatures(DataSource dataSource, Clock clock, @Value("${vpflow.schema.recheck:PT1M}") Duration recheck) {
        // only the system catalogs are read, which the bare login role may do outside any transaction
        this.catalog = JdbcClient.create(dataSource);
        this.clock = clock;
        this.recheck = recheck;
        this.detected = detect();
    }

    /** v1.1-A is present: the documents tables exist and a case can be re-opened. */
    public boolean isV11aPresent() {
        return current().features().isDocuments() && current().features().isReopening();
    }

    /** Documents (upload, links, content) may be offered. */
    public boolean isDocuments() {
        return current().features().isDocuments();
    }

    /** Cases may be re-opened and closed again. */
    public boolean isReopening() {
        return current().features().isReopening();
    }

    /**
     * v1.2 is present: the holiday calendar, case notes and the mark for decision (the office's day).
     */
    public boolean isOfficeDay() {
        return current().features().isOfficeDay();
    }

    /** v1.3 is present: the words of documents are extracted and searched. */
    public boolean isSearch() {
        return current().features().isSearch();
    }

    /** A snapshot for the pages: {@code ${features.documents}}, {@code ${features.reopening}}. */
    public Features snapshot() {
        return current().features();
    }

    @EventListener
    void onSchemaChanged(SchemaChanged event) {
        refresh();
    }

    /** Looks at the schema again now. */
    public void refresh() {
        detected = detect();
    }

    private Detected current() {
        Detected seen = detected;
        if (Duration.between(seen.at(), clock.instant()).compareTo(recheck) > 0) {
            try {
                seen = detect();
                detected = seen;
            } catch (RuntimeException e) {
                log.warn("could not look at the schema's features again: {}", e.getMessage());
            }
        }
        return seen;
    }

    private Detected detect() {
        Features features = catalog.sql("""
                        SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE n.nspname = 'vpflow' AND c.relkind = 'r'
                                   AND c.relname IN ('documents', 'document_links')) = 2 AS documents,
                               EXISTS (SELECT FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
                                       JOIN pg_namespace n ON n.oid = t.typnamespace
                                       WHERE n.nspname = 'vpflow' AND t.typname = 'case_state'
                                         AND e.enumlabel = 'reopened') AS reopened,
                               (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE n.nspname = 'vpflow' AND c.relkind = 'r'
                                   AND c.relname IN ('holidays', 'case_notes')) = 2
                               AND EXISTS (SELECT FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                                           JOIN pg_namespace n ON n.oid = c.relnamespace
                                           WHERE n.nspname = 'vpflow' AND c.relname = 'cases'
                                             AND a.attname = 'for_decision' AND NOT a.attisdropped)
                               AND EXISTS (SELECT FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
                                           JOIN pg_namespace n ON n.oid = c.relnamespace
                                           WHERE n.nspname = 'vpflow' AND c.relname = 'audit_logs'
                                             AND p.polname = 'audit_logs_vp_only_notes') AS office_day,
                               EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                        WHERE n.nspname = 'vpflow' AND c.relkind = 'r'
                                          AND c.relname = 'document_texts')
                               AND EXISTS (SELECT FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                                           JOIN pg_namespace n ON n.oid = c.relnamespace
                                           WHERE n.nspname = 'vpflow' AND c.relname = 'documents'
                                             AND t.tgname = 'documents_text_pending') AS search""")
                .query((rs, n) -> {
                    boolean documents = rs.getBoolean("documents");
                    boolean reopened = rs.getBoolean("reopened");
                    // the plan is one unit: its features show only when all of it is there
                    boolean v11a = documents && reopened;
                    return new Features(v11a, v11a, rs.getBoolean("office_day"), v11a && rs.getBoolean("search"));
                })
                .single();
        Detected previous = detected;
        if (previous == null || !previous.features().equals(features)) {
            log.info(
                    "schema features: v1.1-A {}, v1.2 {}, v1.3 {}",
                    features.isDocuments() ? "present (documents, case re-opening)" : "absent (v1.0 behaviour)",
                    features.isOfficeDay() ? "present (holidays, case notes, decisions)" : "absent",
                    features.isSearch() ? "present (full-text search of documents)" : "absent");
        }
        return new Detected(features, clock.instant());
    }

    private record Detected(Features features, Instant at) {}

    /** The features a page may show; bean-style getters for the templates. */
    public static final class Features {
        private final boolean documents;
        private final boolean reopening;
        private final boolean officeDay;
        private final boolean search;

        public Features(boolean documents, boolean reopening, boolean officeDay, boolean search) {
            this.documents = documents;
            this.reopening = reopening;
            this.officeDay = officeDay;
            this.search = search;
        }

        public boolean isSearch() {
            return search;
        }

        public boolean isOfficeDay() {
            return officeDay;
        }

        public boolean isDocuments() {
            return documents;
        }

        public boolean isReopening() {
            return reopening;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Features f
                    && f.documents == documents
                    && f.reopening == reopening
                    && f.officeDay == officeDay
                    && f.search == search;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(documents, reopening, officeDay, search);
        }

        @Override
        public String toString() {
            return "Features[documents=" + documents + ", reopening=" + reopening + ", officeDay=" + officeDay
                    + ", search=" + search + "]";
        }
    }
}
