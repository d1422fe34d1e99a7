package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * The embedded PostgreSQL runs from binaries that only the data folder's owner can reach: not a
 * shared folder under /tmp that any local user could swap a {@code postgres} into.
 */
class EmbeddedDatabaseBinariesIT {

    @Test
    void theDatabaseRunsFromBinariesInAnOwnerOnlyFolderOfTheDataFolder() throws Exception {
        // a data folder that does not exist yet, as on a first start
        Path dataDir = IntegrationTest.newDataDir("binaries").resolve("data");
        // the other tests share one copy of the binaries (to save unpacking them each time); not this one
        String shared = System.clearProperty("vpflow.db.binaries-dir");
        try (ConfigurableApplicationContext app = StandaloneApplication.start(dataDir, false)) {
            long pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                            .get(0)
                            .strip());
            Path executable = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe"));
            Path binaries = dataDir.resolve("postgres-binaries").toRealPath();
            assertThat(executable).startsWith(binaries);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)))
                    .isEqualTo("rwx------");
            // the data folder it made, and the folder of the first start's migration report
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("reports"))))
                    .isEqualTo("rwx------");
        } finally {
            if (shared != null) {
                System.setProperty("vpflow.db.binaries-dir", shared);
            }
        }
    }
}
