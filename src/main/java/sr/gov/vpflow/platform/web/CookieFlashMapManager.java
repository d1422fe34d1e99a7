package sr.gov.vpflow.platform.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;
import sr.gov.vpflow.platform.security.TokenAuthentication;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notice shown after a redirect ("Saved", "Case VP-2026-0042 opened") travels in a short-lived
 * cookie instead of a server-side session: any instance shows it, and nothing is stored. The
 * cookie is signed with a key derived from the session's token, so nobody without the session
 * can plant a notice; only text values travel.
 */
final class CookieFlashMapManager extends AbstractFlashMapManager {

    static final String COOKIE = "VPFLOW_FLASH";
    private static final Logger log = LoggerFactory.getLogger(CookieFlashMapManager.class);
    private static final int MAX_COOKIE = 3000;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final JsonMapper json = JsonMapper.builder().build();

    record Stored(String path, Map<String, List<String>> params, long expires, Map<String, String> values) {}

    @Override
    protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
        Optional<String> cookie = cookie(request);
        Optional<byte[]> key = cookie.flatMap(c -> key());
        if (cookie.isEmpty() || key.isEmpty()) {
            return null;
        }
        String[] parts = cookie.get().split("\\.", 2);
        if (parts.length != 2
                || !MessageDigest.isEqual(
                        sign(key.get(), parts[0]).getBytes(StandardCharsets.US_ASCII),
                        parts[1].getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        try {
            List<Stored> stored = json.readValue(Base64.getUrlDecoder().decode(parts[0]), new TypeReference<>() {});
            List<FlashMap> maps = new ArrayList<>();
            for (Stored s : stored) {
                FlashMap map = new FlashMap();
                map.setTargetRequestPath(s.path());
                s.params().forEach((name, values) -> values.forEach(v -> map.addTargetRequestParam(name, v)));
                map.setExpirationTime(s.expires());
                map.putAll(s.values());
                maps.add(map);
            }
            return maps;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    protected void updateFlashMaps(List<FlashMap> maps, HttpServletRequest request, HttpServletResponse response) {
        Optional<byte[]> key = key();
        if (maps.isEmpty() || key.isEmpty()) {
            if (cookie(request).isPresent()) {
                write(request, response, "", 0);
            }
            return;
        }
        List<Stored> stored = new ArrayList<>();
        for (FlashMap map : maps) {
            Map<String, String> values = new LinkedHashMap<>();
            map.forEach((name, value) -> {
                if (value instanceof String text) {
                    values.put(name, text);
                } else if (value != null) {
                    log.warn("a notice value of type {} cannot travel in a cookie and was dropped", value.getClass());
                }
            });
            stored.add(new Stored(
                    map.getTargetRequestPath(),
                    new LinkedHashMap<>(map.getTargetRequestParams()),
                    map.getExpirationTime(),
                    values));
        }
        String payload = ENCODER.encodeToString(json.writeValueAsBytes(stored));
        String value = payload + "." + sign(key.get(), payload);
        if (value.length() > MAX_COOKIE) {
            log.warn("a notice of {} characters is too long for a cookie and was dropped", value.length());
            return;
        }
        write(request, response, value, getFlashMapTimeout());
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())
                    && c.getValue() != null
                    && !c.getValue().isEmpty()) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    /** A key only the session's holder (and the server, while it serves the session) knows. */
    private static Optional<byte[]> key() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof TokenAuthentication signedIn) {
            try {
                return Optional.of(MessageDigest.getInstance("SHA-256")
                        .digest(("vpflow-flash\u0000" + signedIn.token().value()).getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
        return Optional.empty();
    }

    private static String sign(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, String value, long maxAge) {
        response.addHeader(
                "Set-Cookie",
                ResponseCookie.from(COOKIE, value)
                        .path("/")
                        .httpOnly(true)
                        .secure(request.isSecure())
                        .sameSite("Lax")
                        .maxAge(maxAge)
                        .build()
                        .toString());
    }
}
