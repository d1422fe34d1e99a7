package sr.gov.vpflow.platform.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * Sign-in attempts (a password by form or HTTP Basic, a second factor), counted per source address
 * and per account from that address with Bucket4j token buckets kept in this instance's memory
 * (with several instances each counts its own). Every attempt takes its token before anything is
 * hashed, so requests sent at once cannot slip past; a right password gives it back, so scripts
 * that sign in correctly are never slowed. When an address has used up its attempts, it is refused
 * unchecked until its window renews: the caller answers 429 with Retry-After. Counting per account
 * from one address keeps one address from guessing one account's password without its owner,
 * elsewhere, noticing. An IPv6 address counts as its /64, which one subscriber usually holds whole.
 */
@Component
final class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    /** Buckets of so many sources and accounts at most; the one used longest ago is forgotten first. */
    private static final int MAX_BUCKETS = 50_000;
    /** Account names are at most this long (as the database reads them). */
    private static final int NAME_MAX = 64;

    /** Allowed (with the buckets it took from), or refused with the seconds until it may try again. */
    record Decision(boolean allowed, long retryAfterSeconds, Bucket bySource, Bucket byAccount) {}

    private final Bandwidth perSource;
    private final Bandwidth perAccount;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };

    /**
     * Attempts a source address may make in a minute, on any accounts, and on one account in 15
     * minutes ({@link VpFlowProperties.Login}).
     */
    SignInThrottle(VpFlowProperties properties) {
        int perSourcePerMinute = properties.login().failuresPerMinute();
        int perAccountPerQuarter = properties.login().failuresPerAccount();
        this.perSource = Bandwidth.builder()
                .capacity(perSourcePerMinute)
                .refillIntervally(perSourcePerMinute, Duration.ofMinutes(1))
                .build();
        this.perAccount = Bandwidth.builder()
                .capacity(perAccountPerQuarter)
                .refillIntervally(perAccountPerQuarter, Duration.ofMinutes(15))
                .build();
    }

    /**
     * One attempt of {@code source} on {@code username} (blank: an account not named), counted
     * now. Give it back with {@link #succeeded} when the password or code was right.
     */
    Decision attempt(String source, String username) {
        String from = source(source);
        Bucket bySource = bucket("source " + from, perSource);
        ConsumptionProbe taken = bySource.tryConsumeAndReturnRemaining(1);
        if (!taken.isConsumed()) {
            return refused(taken, "address");
        }
        if (taken.getRemainingTokens() == 0) {
            log.warn("an address used up its sign-in attempts; the next ones are refused unchecked for a while");
        }
        String account = account(username);
        if (account.isEmpty()) {
            return new Decision(true, 0, bySource, null);
        }
        Bucket byAccount = bucket("account " + from + " " + account, perAccount);
        ConsumptionProbe onAccount = byAccount.tryConsumeAndReturnRemaining(1);
        if (!onAccount.isConsumed()) {
            bySource.addTokens(1);
            return refused(onAccount, "account");
        }
        return new Decision(true, 0, bySource, byAccount);
    }

    /** The attempt was right: it used up nothing. */
    void succeeded(Decision decision) {
        if (decision.bySource() != null) {
            decision.bySource().addTokens(1);
        }
        if (decision.byAccount() != null) {
            decision.byAccount().addTokens(1);
        }
    }

    private static Decision refused(ConsumptionProbe probe, String which) {
        log.debug("a sign-in attempt was refused unchecked ({} limit)", which);
        return new Decision(
                false, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1, null, null);
    }

    /** The address as counted: an IPv4 address whole, an IPv6 address as its /64. */
    static String source(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        if (!address.contains(":")) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address.replaceAll("^\\[|\\]$", ""));
            if (parsed instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static String account(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name.length() > NAME_MAX ? name.substring(0, NAME_MAX) : name;
    }

    private Bucket bucket(String key, Bandwidth bandwidth) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(
                    key, k -> Bucket.builder().addLimit(bandwidth).build());
        }
    }
}
