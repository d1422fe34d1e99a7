package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.documents.DocumentStore;
import sr.gov.vpflow.documents.StorageCheck;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * A restore takes records back but not their contents: the uploads after the restore point stay
 * in the store, named by no record. storage gc removes such content, except what the records of
 * another restore point name (restoring that one would need it).
 */
class ContentInRestorePointsIT {

    @Test
    void contentThatOnlyARestorePointNamesIsKeptAndContentNobodyNamesIsRemoved() throws Exception {
        try (ConfigurableApplicationContext app =
                StandaloneApplication.start(IntegrationTest.preparedDataDir("content-restore-points"), false)) {
            RestorePoints points = app.getBean(RestorePoints.class);
            DocumentStore store = app.getBean(DocumentStore.class);
            OfficeData data = OfficeData.fill(app, 1);
            points.create("before-upload", "test", "cli", Progress.none());

            String named = keep(store, "Inhoud die een herstelpunt noemt");
            String nobodys = keep(store, "Inhoud die niemand noemt");
            data.as(
                    data.secretary,
                    Role.SECRETARY,
                    j -> j.sql("INSERT INTO documents (title, file_path, file_type, file_size, owner_role)"
                                    + " VALUES ('Brief', :p, 'text/plain', 1, 'secretary')")
                            .param("p", named)
                            .update());
            points.create("with-upload", "test", "cli", Progress.none());
            points.restore("before-upload", "cli", Progress.none());

            assertThat(points.contentAddresses()).contains(named).doesNotContain(nobodys);
            StorageCheck storage = app.getBean(StorageCheck.class);
            assertThat(storage.verify().unreferenced())
                    .extracting(DocumentStore.Stored::address)
                    .contains(named, nobodys);

            StorageCheck.Collection collected = storage.collect(points.contentAddresses(), Duration.ZERO, true, "cli");
            assertThat(collected.garbage())
                    .extracting(DocumentStore.Stored::address)
                    .containsExactly(nobodys);
            assertThat(collected.inRestorePoints()).isEqualTo(1);
            Path root =
                    app.getBean(sr.gov.vpflow.documents.DocumentSettings.class).storage();
            assertThat(root.resolve(named)).exists();
            assertThat(root.resolve(nobodys)).doesNotExist();
        }
    }

    private static String keep(DocumentStore store, String text) throws Exception {
        byte[] bytes = (text + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        return store.keep(store.receive(new ByteArrayInputStream(bytes), 1_000_000));
    }
}
