package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.cli.Cli;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.S3Server;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documents in a bucket of a real S3 API server (S3Proxy, a process of its own), VP-Flow started
 * with VPFLOW_STORAGE=s3: uploads and downloads through the API, byte ranges, the S3 server
 * killed in the middle of an upload, a damaged object, and storage migrate to the local store and
 * back.
 */
class S3DocumentStoreIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BUCKET = "documents";

    private static S3Server s3;
    private static S3Client bucket;
    private static Path dataDir;
    private static ConfigurableApplicationContext app;
    private static Uploads uploads;
    private static JdbcClient owner;
    private static TestAccounts.Account secretary;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start(BUCKET);
        bucket = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .endpointOverride(URI.create(s3.endpoint()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        dataDir = IntegrationTest.preparedDataDir("s3-store");
        app = StandaloneApplication.start(dataDir, true, settings("s3"));
        uploads = new Uploads("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
        owner = JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
        secretary = TestAccounts.of(app).create(Role.SECRETARY);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (bucket != null) {
            bucket.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** VPFLOW_STORAGE and VPFLOW_S3_* pointing at the test's S3 server. */
    private static String[] settings(String store) {
        return new String[] {
            "vpflow.store=" + store,
            "vpflow.s3.endpoint=" + s3.endpoint(),
            "vpflow.s3.bucket=" + BUCKET,
            "vpflow.s3.region=us-east-1",
            "vpflow.s3.access-key=" + s3.accessKey(),
            "vpflow.s3.secret-key=" + s3.secretKey(),
            "vpflow.s3.path-style=true"
        };
    }

    @Test
    void anUploadIsStoredInTheBucketAtItsAddressAndServedWholeAndInRanges() throws Exception {
        byte[] content = pdf(20 * 1024 * 1024 + 12_345); // more than two parts of a multipart upload
        String sha256 = sha256(content);
        JsonNode document = upload("Groot stuk in de bucket", "groot.pdf", content);
        assertThat(document.get("sha256").asString()).isEqualTo(sha256);
        assertThat(document.get("file_size").asLong()).isEqualTo(content.length);

        String key = ContentAddress.of(sha256);
        assertThat(bucket.headObject(b -> b.bucket(BUCKET).key(key)).contentLength())
                .as("the object at its address")
                .isEqualTo(content.length);
        assertThat(bucket.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .as("no multipart upload left open")
                .isEmpty();
        assertThat(dataDir.resolve("documents").resolve("sha256"))
                .as("nothing in the local store")
                .doesNotExist();
        assertThat(files(dataDir.resolve("upload-staging").resolve(".tmp")))
                .as("the received file is gone")
                .isEmpty();

        UUID id = UUID.fromString(document.get("id").asString());
        HttpResponse<byte[]> whole = uploads.content(secretary, id, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");
        assertThat(Arrays.equals(whole.body(), content)).as("the whole content").isTrue();

        HttpResponse<byte[]> range = uploads.content(secretary, id, null, "Range", "bytes=10000000-10000099");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 10000000-10000099/" + content.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content, 10_000_000, 10_000_100));

        HttpResponse<byte[]> tail = uploads.content(secretary, id, null, "Range", "bytes=-50");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 50, content.length));

        HttpResponse<byte[]> two = uploads.content(secretary, id, null, "Range", "bytes=0-4,100-109");
        assertThat(two.statusCode()).isEqualTo(206);
        String body = new String(two.body(), StandardCharsets.ISO_8859_1);
        assertThat(body)
                .contains("Content-Range: bytes 0-4/" + content.length)
                .contains("%PDF-")
                .contains("Content-Range: bytes 100-109/" + content.length)
                .contains(new String(Arrays.copyOfRange(content, 100, 110), StandardCharsets.ISO_8859_1));

        // the same content again: kept once, served to both records
        JsonNode again = upload("Hetzelfde stuk", "zelfde.pdf", content);
        assertThat(again.get("sha256").asString()).isEqualTo(sha256);
        assertThat(uploads.content(secretary, UUID.fromString(again.get("id").asString()), null)
                        .body())
                .isEqualTo(content);
    }

    @Test
    void aDamagedObjectIsNeverServedAndStorageVerifyNamesItsDocument() throws Exception {
        byte[] content = pdf(40_000);
        JsonNode document = upload("Wordt beschadigd in de bucket", "b.pdf", content);
        UUID id = UUID.fromString(document.get("id").asString());
        assertThat(uploads.content(secretary, id, null).body()).isEqualTo(content); // verified once
        String key = ContentAddress.of(document.get("sha256").asString());

        byte[] damaged = content.clone();
        damaged[20_000] ^= 0x20;
        bucket.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(damaged));
        HttpResponse<byte[]> refused = uploads.content(secretary, id, null);
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("content_corrupt");
        HttpResponse<byte[]> rangeRefused = uploads.content(secretary, id, null, "Range", "bytes=0-9");
        assertThat(rangeRefused.statusCode()).isEqualTo(500);
        assertThat(owner.sql("SELECT count(*) FROM audit_logs WHERE event_type = 'document_downloaded'"
                                + " AND entity_id = :id AND details->>'outcome' = 'refused_content_corrupt'")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .as("the refusal is audited")
                .isPositive();

        byte[] lostContent = pdf(30_000);
        JsonNode lost = upload("Raakt zoek in de bucket", "z.pdf", lostContent);
        bucket.deleteObject(
                b -> b.bucket(BUCKET).key(ContentAddress.of(lost.get("sha256").asString())));
        HttpResponse<byte[]> missing =
                uploads.content(secretary, UUID.fromString(lost.get("id").asString()), null);
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("content_missing");

        assertThat(cli("s3", "storage", "verify")).as(err.toString()).isEqualTo(3);
        assertThat(out.toString())
                .contains("CORRUPT document " + id + ": " + key)
                .contains("MISSING document " + lost.get("id").asString())
                .contains("document store DAMAGED");

        // bytes changed on the S3 server's own disk, behind its back, are found as well
        byte[] rotting = pdf(50_000);
        JsonNode rot = upload("Rot op de schijf van de bucket", "r.pdf", rotting);
        Path file = s3.bucketFolder(BUCKET)
                .resolve(ContentAddress.of(rot.get("sha256").asString()));
        byte[] onDisk = Files.readAllBytes(file);
        onDisk[25_000] ^= 0x01;
        Files.write(file, onDisk);
        assertThat(cli("s3", "storage", "verify")).isEqualTo(3);
        assertThat(out.toString()).contains("CORRUPT document " + rot.get("id").asString());

        // the same contents uploaded again mend the store
        upload("Hersteld", "b.pdf", content);
        upload("Teruggevonden", "z.pdf", lostContent);
        upload("Ook hersteld", "r.pdf", rotting);
        assertThat(cli("s3", "storage", "verify")).as(out.toString()).isZero();
        assertThat(uploads.content(secretary, id, null).body()).isEqualTo(content);
    }

    @Test
    void theS3ServerKilledInTheMiddleOfAnUploadLeavesNoObjectAndNoRecordAndGcAbortsTheUpload() throws Exception {
        JsonNode stored = upload("Al in de bucket " + UUID.randomUUID(), "al.pdf", pdf(30_000));
        UUID storedId = UUID.fromString(stored.get("id").asString());
        byte[] content = pdf(64 * 1024 * 1024);
        String key = ContentAddress.of(sha256(content));
        String title = "Half in de bucket " + UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(
                () -> uploads.upload(secretary, Uploads.body(title, "half.pdf", "application/pdf", content)));
        Instant deadline = Instant.now().plusSeconds(60);
        while (bucket.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().isEmpty()) {
            assertThat(Instant.now()).as("the multipart upload begins").isBefore(deadline);
            assertThat(answer).as("the upload is still under way").isNotDone();
            Thread.sleep(5);
        }
        s3.kill();
        HttpResponse<String> refused = answer.get();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
        assertThat(refused.body()).contains("storage_error");
        assertThat(owner.sql("SELECT count(*) FROM documents WHERE title = :t")
                        .param("t", title)
                        .query(Long.class)
                        .single())
                .as("no record")
                .isZero();

        // a store that cannot be read says so: unavailable, not corrupt, and verify tells the two apart
        HttpResponse<byte[]> unavailable = uploads.content(secretary, storedId, null);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(new String(unavailable.body(), StandardCharsets.UTF_8)).contains("content_unavailable");
        // and storage verify does not call the store damaged when it cannot reach it
        assertThat(cli("s3", "storage", "verify"))
                .as(out.toString())
                .isNotZero()
                .isNotEqualTo(3);
        assertThat(out.toString()).doesNotContain("DAMAGED");

        s3.restart();
        assertThat(uploads.content(secretary, storedId, null).statusCode()).isEqualTo(200);
        assertThat(keys()).as("nothing at an address").doesNotContain(key);
        assertThat(bucket.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .as("the cut-off multipart upload")
                .hasSize(1);
        assertThat(files(dataDir.resolve("upload-staging").resolve(".tmp")))
                .as("the received file is gone")
                .isEmpty();

        // a young one may be another instance's upload, still running: start-up and gc leave it alone
        assertThat(app.getBean(DocumentStore.class).cleanAbandonedUploads()).isZero();
        assertThat(cli("s3", "storage", "gc", "--delete")).as(err.toString()).isZero();
        assertThat(bucket.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).hasSize(1);
        // an instance starting a day later aborts it (older than VPFLOW_S3_ABANDONED_UPLOAD_HOURS)
        DocumentStore dayLater = DocumentsConfiguration.create(
                "s3", app.getBean(DocumentSettings.class), Clock.offset(Clock.systemUTC(), Duration.ofHours(25)));
        assertThat(dayLater.cleanAbandonedUploads()).isEqualTo(1);
        ((AutoCloseable) dayLater).close();
        assertThat(bucket.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .as("aborted at start-up")
                .isEmpty();

        // and storage gc with its grace period at once, here for one begun as a crash would leave it
        String other = "sha256/00/00/0000" + sha256(content).substring(4);
        String uploadId =
                bucket.createMultipartUpload(b -> b.bucket(BUCKET).key(other)).uploadId();
        bucket.uploadPart(
                b -> b.bucket(BUCKET).key(other).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(pdf(1000)));
        assertThat(cli("s3", "storage", "gc", "--older-than", "0", "--delete"))
                .as(err.toString())
                .isZero();
        assertThat(bucket.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .as("aborted by storage gc")
                .isEmpty();
        assertThat(keys()).doesNotContain(key);
        // and the store works on as before
        byte[] after = pdf(10_000);
        JsonNode document = upload("Na de onderbreking", "na.pdf", after);
        assertThat(uploads.content(secretary, UUID.fromString(document.get("id").asString()), null)
                        .body())
                .isEqualTo(after);
    }

    @Test
    void migrateCopiesEveryContentToTheLocalStoreAndBackWithVerificationAndResumes() throws Exception {
        List<byte[]> contents = List.of(pdf(1000), pdf(9 * 1024 * 1024), pdf(70_000));
        for (byte[] c : contents) {
            upload("Wordt verhuisd", "v.pdf", c);
        }
        assertThat(cli("s3", "storage", "migrate", "--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: vpflow storage migrate")
                .contains("--to")
                .contains("READY");
        assertThat(cli("s3", "storage", "migrate")).as("--to is required").isEqualTo(2);
        assertThat(cli("s3", "storage", "migrate", "--to", "ftp")).isEqualTo(1);
        assertThat(err.toString()).contains("invalid_parameter");
        assertThat(cli("s3", "storage", "migrate", "--to", "s3")).isEqualTo(1);
        assertThat(err.toString()).contains("already_in_store");

        // from the bucket in use to the local folder, while the server runs
        assertThat(cli("s3", "storage", "migrate", "--to", "local"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("copying ").contains("READY").contains("VPFLOW_STORAGE=local");
        Path local = dataDir.resolve("documents");
        for (byte[] c : contents) {
            assertThat(Files.readAllBytes(local.resolve(ContentAddress.of(sha256(c)))))
                    .isEqualTo(c);
        }
        int inBucket = keys().size();
        assertThat(inBucket).isGreaterThanOrEqualTo(contents.size());
        assertThat(cli("s3", "storage", "migrate", "--to", "local")).isZero();
        assertThat(out.toString())
                .as("run again, it copies nothing")
                .contains(inBucket + " contents in local "
                        + local.toAbsolutePath().normalize() + ": 0 copied")
                .contains(inBucket + " there already");

        // back, as an instance on the local store would run it: what the bucket lost or has damaged is copied
        String lostKey = ContentAddress.of(sha256(contents.get(1)));
        bucket.deleteObject(b -> b.bucket(BUCKET).key(lostKey));
        String damagedKey = ContentAddress.of(sha256(contents.get(2)));
        byte[] damaged = contents.get(2).clone();
        damaged[500] ^= 0x10;
        bucket.putObject(b -> b.bucket(BUCKET).key(damagedKey), RequestBody.fromBytes(damaged));
        assertThat(cli("local", "storage", "migrate", "--to", "s3"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains(": 2 copied (" + (contents.get(1).length + contents.get(2).length) + " bytes), "
                        + (inBucket - 2) + " there already")
                .contains("READY");
        assertThat(bucket.getObjectAsBytes(b -> b.bucket(BUCKET).key(lostKey)).asByteArray())
                .isEqualTo(contents.get(1));
        assertThat(bucket.getObjectAsBytes(b -> b.bucket(BUCKET).key(damagedKey))
                        .asByteArray())
                .isEqualTo(contents.get(2));

        // a content damaged in the source is not copied, and the store is not ready to switch
        Path source = local.resolve(lostKey);
        byte[] bytes = Files.readAllBytes(source);
        bytes[100] ^= 0x01;
        Files.write(source, bytes);
        bucket.deleteObject(b -> b.bucket(BUCKET).key(lostKey));
        assertThat(cli("local", "storage", "migrate", "--to", "s3", "--json")).isEqualTo(3);
        JsonNode result = JSON.readTree(out.toString());
        assertThat(result.get("ready").asBoolean()).isFalse();
        assertThat(result.get("failed").toString()).contains(lostKey).contains("content_corrupt");
        assertThat(keys()).doesNotContain(lostKey);
        assertThat(cli("s3", "storage", "migrate", "--to", "local"))
                .as(out.toString())
                .isEqualTo(3);
        assertThat(out.toString()).contains("NOT READY");
        assertThat(cli("s3", "storage", "migrate", "--to", "local")).isEqualTo(3);
        // mended at the source, the next run copies it and is ready
        Files.write(source, contents.get(1));
        assertThat(cli("local", "storage", "migrate", "--to", "s3")).isZero();
        assertThat(out.toString()).contains(": 1 copied").contains("READY");
        assertThat(cli("s3", "storage", "verify")).as(out.toString()).isZero();
    }

    @Test
    void aServerWithoutItsBucketOrWithAnUnknownStoreDoesNotStartAndNamesTheVariableToSet() {
        Path data = IntegrationTest.preparedDataDir("s3-misconfigured");
        assertThatThrownBy(() -> StandaloneApplication.start(data, false, "vpflow.store=s3")
                        .close())
                .hasStackTraceContaining("VPFLOW_S3_BUCKET");
        assertThatThrownBy(() -> StandaloneApplication.start(data, false, "vpflow.store=ftp")
                        .close())
                .hasStackTraceContaining("VPFLOW_STORAGE must be local or s3");
    }

    private JsonNode upload(String title, String fileName, byte[] content) {
        HttpResponse<String> response =
                uploads.upload(secretary, Uploads.body(title, fileName, "application/pdf", content));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** Runs a command of the jar beside the running server, with VPFLOW_STORAGE={@code store}. */
    private int cli(String store, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("vpflow.data-dir", dataDir.toString());
        properties.put("vpflow.login.require-second-factor", "false");
        for (String setting : settings(store)) {
            properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        properties.forEach(System::setProperty);
        try {
            return Cli.execute(VpFlowApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), args);
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static List<String> keys() {
        return bucket.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("sha256/")).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** A PDF by its first bytes, then bytes of its own. */
    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
