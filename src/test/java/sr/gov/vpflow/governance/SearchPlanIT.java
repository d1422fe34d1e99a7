package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.cli.Cli;
import sr.gov.vpflow.documents.DocumentIndexer;
import sr.gov.vpflow.documents.DocumentStore;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * The plan v1.3 on an office's database that runs v1.2 and keeps documents: a failure after its
 * migration is rolled back logically (the search table, its trigger and configurations go, the
 * documents stay), the plan then applies with its restore points, the documents there were wait
 * for their text and the indexer reads them, and, the texts being derived from the documents, a
 * rollback later may still take the plan back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchPlanIT {

    private static V10Database db;
    private static String word;

    @BeforeAll
    static void start() throws Exception {
        db = V10Database.start("search-plan", 3, false);
        MigrationReport v11a = db.bean(MigrationRunner.class).run(MigrationIT.approved(), Progress.none());
        assertThat(v11a.outcome()).as(v11a.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
        MigrationReport v12 =
                db.bean(MigrationRunner.class).run(MigrationIT.approved(MigrationPlans.V1_2), Progress.none());
        assertThat(v12.outcome()).as(v12.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
        word = "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        DocumentStore store = db.bean(DocumentStore.class);
        for (String owner : List.of("secretary", "vp")) {
            byte[] text = ("Brief over de begroting " + word + " " + owner).getBytes(StandardCharsets.UTF_8);
            DocumentStore.Staged staged = store.receive(new ByteArrayInputStream(text), 1 << 20);
            String address = store.keep(staged);
            UUID by = owner.equals("vp") ? db.data.vp.id() : db.data.secretary.id();
            db.owner
                    .sql("INSERT INTO documents (title, file_path, file_type, file_size, owner_role, created_by)"
                            + " VALUES ('Brief', :path, 'text/plain', :size, CAST(:owner AS document_owner_role), :by)")
                    .param("path", address)
                    .param("size", text.length)
                    .param("owner", owner)
                    .param("by", by)
                    .update();
        }
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static boolean searchConfigurations() {
        return db.count("SELECT count(*) FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace"
                        + " WHERE n.nspname = 'vpflow' AND c.cfgname IN ('search_nl', 'search_en')")
                == 2;
    }

    @Test
    @Order(1)
    void aFailureAfterTheMigrationIsRolledBackAndTheDocumentsStay() {
        MigrationReport report = db.bean(MigrationRunner.class)
                .run(MigrationIT.approved(MigrationPlans.V1_3), Progress.none(), step -> {
                    if (step == 4) {
                        assertThat(db.count("SELECT count(*) FROM document_texts WHERE state = 'pending'"))
                                .isEqualTo(2);
                        throw new IllegalStateException("injected failure at step 4");
                    }
                });
        assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.ROLLED_BACK);
        assertThat(report.rollback().validUnderBase()).as(report.text()).isTrue();
        assertThat(db.tableExists("document_texts")).isFalse();
        assertThat(searchConfigurations()).isFalse();
        assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgname = 'documents_text_pending'"))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM documents")).isEqualTo(2);
        assertThat(db.bean(MigrationRunner.class).pending(MigrationPlans.V1_3)).containsExactly("1.3.1");
        SchemaFeatures features = db.bean(SchemaFeatures.class);
        features.refresh();
        assertThat(features.isSearch()).isFalse();
        assertThat(db.bean(DocumentIndexer.class).indexPending(10).total()).isZero();
    }

    @Test
    @Order(2)
    void thePlanThenAppliesAndTheDocumentsThereWereAreRead() {
        MigrationReport report =
                db.bean(MigrationRunner.class).run(MigrationIT.approved(MigrationPlans.V1_3), Progress.none());
        assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
        assertThat(db.bean(RestorePoints.class).list().stream().map(RestorePoint::name))
                .anyMatch(n -> n.startsWith("v1.3-pre-migration"))
                .anyMatch(n -> n.startsWith("v1.3-post-schema"));
        SchemaFeatures features = db.bean(SchemaFeatures.class);
        features.refresh();
        assertThat(features.isSearch()).isTrue();
        assertThat(db.count("SELECT count(*) FROM document_texts WHERE state = 'pending'"))
                .isEqualTo(2);

        // the operator reads them at once from the command line, beside the server
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("vpflow.data-dir", db.dataDir.toString());
        int exit;
        try {
            exit = Cli.execute(
                    VpFlowApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), "search", "index");
        } finally {
            System.clearProperty("vpflow.data-dir");
        }
        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains("waiting for their text: 2 documents")
                .contains("read 2 documents now: 2 with text, 0 without, 0 failed")
                .contains("all documents: 2 with text, 0 without text, 0 failed, 0 waiting");
        assertThat(db.count("SELECT count(*) FROM document_texts WHERE state = 'indexed' AND content LIKE '%" + word
                        + "%'"))
                .isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM document_texts"
                        + " WHERE search @@ websearch_to_tsquery('vpflow.search_nl', 'begrotingen " + word + "')"))
                .isEqualTo(2);
    }

    @Test
    @Order(3)
    void theTextsAreDerivedSoARollbackMayStillTakeThePlanBack() throws Exception {
        DataSource owner = db.bean(OwnerDatabase.class).dataSource();
        LogicalRollback.Outcome outcome = new LogicalRollback(owner, MigrationPlans.V1_3).run(Progress.none());
        assertThat(outcome.undone()).as(String.join("; ", outcome.actions())).isTrue();
        assertThat(db.tableExists("document_texts")).isFalse();
        assertThat(searchConfigurations()).isFalse();
        assertThat(db.count("SELECT count(*) FROM documents")).isEqualTo(2);
    }
}
