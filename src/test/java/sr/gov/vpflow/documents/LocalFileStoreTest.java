package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreTest {

    @TempDir
    Path root;

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void contentIsKeptAtItsHashOnceAndCheckedOnRead() throws Exception {
        LocalFileStore store = new LocalFileStore(root);
        DocumentStore.Staged staged = store.receive(bytes("hello"), 100);
        assertThat(staged.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        String address = store.keep(staged);
        assertThat(address).isEqualTo("sha256/2c/f2/" + staged.sha256());
        assertThat(Files.readString(root.resolve(address))).isEqualTo("hello");
        assertThat(store.keep(store.receive(bytes("hello"), 100))).isEqualTo(address);
        assertThat(Files.list(root.resolve(".tmp"))).isEmpty();

        try (InputStream in = store.open(address, 5).open(1, 3)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ell");
        }
        Files.writeString(root.resolve(address), "jello");
        assertThatThrownBy(() -> store.open(address, 5)).hasFieldOrPropertyWithValue("code", "content_corrupt");
        assertThat(store.check(address, 5)).isEqualTo(DocumentStore.Check.CORRUPT);
        Files.delete(root.resolve(address));
        assertThatThrownBy(() -> store.open(address, 5)).hasFieldOrPropertyWithValue("code", "content_missing");
        assertThat(store.check(address, 5)).isEqualTo(DocumentStore.Check.MISSING);
        // a record naming no content address (a path, another store's key) is never read: corrupt
        assertThatThrownBy(() -> store.open("sha256/../../etc/passwd", 5))
                .hasFieldOrPropertyWithValue("code", "content_corrupt");
        assertThat(store.check("sha256/../../etc/passwd", 5)).isEqualTo(DocumentStore.Check.CORRUPT);
        assertThat(store.check("sha256/2c/f2/" + "0".repeat(64), 5)).isEqualTo(DocumentStore.Check.CORRUPT);
        assertThat(ContentAddress.sha256In("sha256/2c/f2/" + staged.sha256())).contains(staged.sha256());
        assertThat(ContentAddress.sha256In("sha256/ab/timeline")).isEmpty();
    }

    @Test
    void tooMuchContentLeavesNothingBehind() {
        LocalFileStore store = new LocalFileStore(root);
        assertThatThrownBy(() -> store.receive(new ByteArrayInputStream(new byte[1001]), 1000))
                .hasFieldOrPropertyWithValue("code", "file_too_large");
        assertThat(root.resolve(".tmp").toFile().list()).isEmpty();
    }

    @Test
    void onlyUploadsThatNoProcessWritesAreCleanedAway() throws Exception {
        LocalFileStore store = new LocalFileStore(root);
        Path abandoned = root.resolve(".tmp").resolve("upload-left-by-a-crash.part");
        Files.writeString(abandoned, "half");
        DocumentStore.Staged writing = store.receive(bytes("still being written"), 100);
        assertThat(store.cleanAbandonedUploads()).isEqualTo(1);
        assertThat(abandoned).doesNotExist();
        try (var in = writing.open()) {
            assertThat(in.readAllBytes()).asString().isEqualTo("still being written");
        }
        assertThat(root.resolve(".tmp").toFile().list()).hasSize(1);
        store.discard(writing);
        assertThat(root.resolve(".tmp").toFile().list()).isEmpty();
    }
}
