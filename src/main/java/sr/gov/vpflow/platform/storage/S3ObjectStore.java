package sr.gov.vpflow.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
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
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in a bucket of an S3-compatible service (AWS S3, MinIO, Ceph, Garage, S3Proxy): a PUT
 * is whole or absent, which is all the store promises. The key prefix lets one bucket hold the
 * backups of several installations.
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
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(blank(region) ? "us-east-1" : region))
                .credentialsProvider(credentials);
        if (!blank(endpoint)) {
            // other services than AWS address the bucket in the path, not in the host name, and
            // not all of them know the checksums that the SDK adds to every request by default
            builder.endpointOverride(URI.create(endpoint))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.s3 = builder.build();
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
