package sr.gov.vpflow.platform.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins (a wrong password by form or HTTP Basic, a wrong second factor), counted per
 * source address and per account from that address, with Bucket4j token buckets kept in this
 * instance's memory (with several instances each counts its own). When a source has used up its
 * failures, its next attempt is refused before anything is hashed or written: the caller answers
 * 429 with Retry-After. Right passwords use up nothing, so scripts that sign in correctly are never
 * slowed; counting per account from one source keeps one address from guessing one account's
 * password without the account's owner, elsewhere, noticing.
 */
@Component
final class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    /** Buckets of so many sources and accounts at most; the one used longest ago is forgotten first. */
    private static final int MAX_BUCKETS = 50_000;

    /** Allowed, or refused with the seconds after which to try again. */
    record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    private final Bandwidth perSource;
    private final Bandwidth perAccount;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };

    /**
     * @param perSourcePerMinute failures a source address may have in a minute, on any accounts
     * @param perAccountPerQuarter failures on one account a source address may have in 15 minutes
     */
    SignInThrottle(
            @Value("${vpflow.login.failures-per-minute}") int perSourcePerMinute,
            @Value("${vpflow.login.failures-per-account}") int perAccountPerQuarter) {
        this.perSource = Bandwidth.builder()
                .capacity(perSourcePerMinute)
                .refillGreedy(perSourcePerMinute, Duration.ofMinutes(1))
                .build();
        this.perAccount = Bandwidth.builder()
                .capacity(perAccountPerQuarter)
                .refillGreedy(perAccountPerQuarter, Duration.ofMinutes(15))
                .build();
    }

    /** Whether {@code source} may try {@code username} (blank: an account not named) now. */
    Decision check(String source, String username) {
        long wait = Math.max(
                waitNanos(sourceBucket(source)),
                account(username).isEmpty() ? 0 : waitNanos(accountBucket(source, username)));
        if (wait == 0) {
            return Decision.ALLOWED;
        }
        return new Decision(false, Duration.ofNanos(wait).toSeconds() + 1);
    }

    /** Counts a failure of {@code source} on {@code username}. */
    void failed(String source, String username) {
        Bucket bySource = sourceBucket(source);
        if (bySource.tryConsume(1) && bySource.getAvailableTokens() == 0) {
            // once per address and minute at most, however long the guessing goes on
            log.warn("an address used up its failed sign-ins; its attempts are refused unchecked for a while");
        }
        if (!account(username).isEmpty()) {
            Bucket byAccount = accountBucket(source, username);
            if (byAccount.tryConsume(1) && byAccount.getAvailableTokens() == 0) {
                log.warn(
                        "an address used up its failed sign-ins on one account; they are refused unchecked for a while");
            }
        }
    }

    private static long waitNanos(Bucket bucket) {
        return bucket.getAvailableTokens() > 0
                ? 0
                : Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    private Bucket sourceBucket(String source) {
        return bucket("source " + (source == null ? "" : source), perSource);
    }

    private Bucket accountBucket(String source, String username) {
        return bucket("account " + (source == null ? "" : source) + " " + account(username), perAccount);
    }

    private static String account(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private Bucket bucket(String key, Bandwidth bandwidth) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(
                    key, k -> Bucket.builder().addLimit(bandwidth).build());
        }
    }
}
