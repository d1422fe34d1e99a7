package sr.gov.vpflow.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in a bucket of an S3-compatible service (AWS S3, MinIO, Ceph, Garage, S3Proxy): a PUT
 * is whole or absent, and so is a multipart upload ({@link #putInParts}), whose object appears only
 * when it is completed. The key prefix lets one bucket hold the backups of several installations.
 * Beyond {@link ObjectStore}, the document store reads objects by range under the tag it verified,
 * and finds and aborts the multipart uploads that a crash left unfinished.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    private final S3Client s3;
    private final AwsCredentialsProvider credentials;
    private final String bucket;
    private final String prefix;
    private final String location;

    /**
     * @param location   {@code s3://bucket} or {@code s3://bucket/prefix}
     * @param endpoint   the service's URL; empty for AWS itself
     * @param region     the region (any name for most other services)
     * @param accessKey  with the secret key; both empty: the AWS default chain (environment, profile, role)
     */
    public S3ObjectStore(String location, String endpoint, String region, String accessKey, String secretKey) {
        this(location, endpoint, region, accessKey, secretKey, !blank(endpoint));
    }

    /**
     * @param pathStyle the bucket in the path of each request ({@code endpoint/bucket/key}), as
     *     MinIO, Ceph RGW, Garage and most other services than AWS expect, rather than in the host name
     */
    public S3ObjectStore(
            String location, String endpoint, String region, String accessKey, String secretKey, boolean pathStyle) {
        URI uri = URI.create(location);
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an S3 location (s3://bucket/prefix): " + location);
        }
        this.bucket = uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        this.prefix = path.isEmpty() ? "" : path + "/";
        this.location = "s3://" + bucket + "/" + prefix + (blank(endpoint) ? "" : " at " + endpoint);
        this.credentials = blank(accessKey)
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        var builder = S3Client.builder()
                // a service that hangs fails a request instead of holding a thread for ever
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(java.time.Duration.ofSeconds(10))
                        .socketTimeout(java.time.Duration.ofSeconds(60))
                        .build())
                .region(Region.of(blank(region) ? "us-east-1" : region))
                .credentialsProvider(credentials);
        if (!blank(endpoint)) {
            // not all other services than AWS know the checksums that the SDK adds to every request by default
            builder.endpointOverride(URI.create(endpoint))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.s3 = builder.forcePathStyle(pathStyle).build();
    }

    @Override
    public void put(String key, Source source, long size) throws IOException {
        Reopening content = new Reopening(source);
        try {
            s3.putObject(
                    b -> b.bucket(bucket).key(full(key)),
                    RequestBody.fromContentProvider(content, size, "application/octet-stream"));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SdkException e) {
            throw failure("cannot store", key, e);
        } finally {
            content.close();
        }
    }

    /** The SDK reads a body more than once (checksums, a request sent again): each time from the start. */
    private static final class Reopening implements ContentStreamProvider {
        private final Source source;
        private InputStream current;

        Reopening(Source source) {
            this.source = source;
        }

        @Override
        public InputStream newStream() {
            close();
            try {
                current = source.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return current;
        }

        void close() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException ignored) {
                    // a stream that was read to its end or given up
                }
                current = null;
            }
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(
                    s3.headObject(b -> b.bucket(bucket).key(full(key))).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("cannot look up", key, e);
        } catch (SdkException e) {
            throw failure("cannot look up", key, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(full(key)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location + key);
        } catch (SdkException e) {
            throw failure("cannot read", key, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            b -> b.bucket(bucket).prefix(prefix + keyPrefix))
                    .contents()) {
                keys.add(object.key().substring(prefix.length()));
            }
        } catch (SdkException e) {
            throw failure("cannot list", keyPrefix, e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void remove(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(full(key)));
        } catch (SdkException e) {
            throw failure("cannot remove", key, e);
        }
    }

    /** An object's size, its version tag as the service gives it, and when it was written. */
    public record Head(long size, String eTag, Instant lastModified) {}

    /** An object in a listing. */
    public record Listed(String key, long size, Instant lastModified) {}

    /** A multipart upload begun and neither completed nor aborted. */
    public record Upload(String key, String uploadId, Instant initiated) {}

    /** A range of content, readable from its start as often as needed (a request sent again). */
    @FunctionalInterface
    public interface Ranges {
        InputStream open(long start, long length) throws IOException;
    }

    /** The object's size, tag and time, or empty when there is none under the key. */
    public Optional<Head> head(String key) throws IOException {
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(full(key)));
            return Optional.of(new Head(head.contentLength(), head.eTag(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("cannot look up", key, e);
        } catch (SdkException e) {
            throw failure("cannot look up", key, e);
        }
    }

    /**
     * Reads {@code length} bytes from {@code start} of the object, only while it still has the tag
     * {@code eTag}: an object replaced since is refused, never mixed with what was read before.
     */
    public InputStream open(String key, long start, long length, String eTag) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(b -> b.bucket(bucket)
                    .key(full(key))
                    .range("bytes=" + start + "-" + (start + length - 1))
                    .ifMatch(eTag));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location + key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(location + key);
            }
            throw failure("cannot read", key, e);
        } catch (SdkException e) {
            throw failure("cannot read", key, e);
        }
    }

    /** The objects whose keys start with the prefix, with their sizes and times. */
    public List<Listed> listed(String keyPrefix) throws IOException {
        List<Listed> objects = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            b -> b.bucket(bucket).prefix(prefix + keyPrefix))
                    .contents()) {
                objects.add(new Listed(object.key().substring(prefix.length()), object.size(), object.lastModified()));
            }
        } catch (SdkException e) {
            throw failure("cannot list", keyPrefix, e);
        }
        return objects;
    }

    /**
     * Stores {@code size} bytes under the key as a multipart upload of parts of {@code partSize}
     * bytes, each read from the source when it is sent: the object appears only when the service
     * completes the upload, whole; an upload that fails is aborted (or, when the service cannot be
     * reached any more, left to {@link #uploads} and {@link #abort}).
     */
    public void putInParts(String key, long size, long partSize, Ranges source) throws IOException {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(
                            b -> b.bucket(bucket).key(full(key)).contentType("application/octet-stream"))
                    .uploadId();
        } catch (SdkException e) {
            throw failure("cannot begin to store", key, e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long start = 0; start < size; start += partSize, number++) {
                long length = Math.min(partSize, size - start);
                long from = start;
                int part = number;
                String eTag = s3.uploadPart(
                                b -> b.bucket(bucket)
                                        .key(full(key))
                                        .uploadId(uploadId)
                                        .partNumber(part),
                                RequestBody.fromContentProvider(
                                        new Reopening(() -> source.open(from, length)),
                                        length,
                                        "application/octet-stream"))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(eTag).build());
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(full(key)).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (UncheckedIOException | SdkException e) {
            abort(new Upload(key, uploadId, null), e);
            throw e instanceof UncheckedIOException unchecked
                    ? unchecked.getCause()
                    : failure("cannot store", key, (SdkException) e);
        }
    }

    private void abort(Upload upload, RuntimeException cause) {
        try {
            abort(upload);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** The multipart uploads under the prefix that were begun and never completed nor aborted. */
    public List<Upload> uploads(String keyPrefix) throws IOException {
        List<Upload> uploads = new ArrayList<>();
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                            b -> b.bucket(bucket).prefix(prefix + keyPrefix))
                    .uploads()) {
                if (upload.key().startsWith(prefix)) {
                    uploads.add(
                            new Upload(upload.key().substring(prefix.length()), upload.uploadId(), upload.initiated()));
                }
            }
        } catch (SdkException e) {
            throw failure("cannot list the uploads under", keyPrefix, e);
        }
        return uploads;
    }

    /** Aborts a multipart upload: the parts it sent are dropped, no object appears. */
    public void abort(Upload upload) throws IOException {
        try {
            s3.abortMultipartUpload(
                    b -> b.bucket(bucket).key(full(upload.key())).uploadId(upload.uploadId()));
        } catch (NoSuchUploadException e) {
            // completed or aborted meanwhile
        } catch (SdkException e) {
            throw failure("cannot abort the upload of", upload.key(), e);
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        s3.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing is left to release
            }
        }
    }

    private String full(String key) {
        return prefix + ObjectStore.checkKey(key);
    }

    private IOException failure(String what, String key, SdkException e) {
        return new IOException(what + " " + key + " in " + location + ": " + e.getMessage(), e);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
