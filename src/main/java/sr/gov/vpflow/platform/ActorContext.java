package sr.gov.vpflow.platform;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import sr.gov.vpflow.platform.security.TokenAuthentication;

/**
 * The actor of the current thread: the one set explicitly with {@link #callAs}, else the
 * signed-in user of the current request with the token the request presented. Without either,
 * transactions present no token, and the database lets them touch no table at all.
 */
public final class ActorContext {

    private static final ThreadLocal<Actor> EXPLICIT = new ThreadLocal<>();

    private ActorContext() {}

    public static Optional<Actor> current() {
        Actor explicit = EXPLICIT.get();
        if (explicit != null) {
            return Optional.of(explicit);
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof TokenAuthentication signedIn && signedIn.isAuthenticated()) {
            return Optional.of(
                    new Actor(signedIn.user().id(), signedIn.user().role(), requestChannel(), signedIn.token()));
        }
        return Optional.empty();
    }

    private static String requestChannel() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getRequestURI().startsWith("/api/")) {
            return "api";
        }
        return "web";
    }

    public static <T> T callAs(Actor actor, Supplier<T> work) {
        Actor previous = EXPLICIT.get();
        EXPLICIT.set(actor);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                EXPLICIT.remove();
            } else {
                EXPLICIT.set(previous);
            }
        }
    }

    public static void runAs(Actor actor, Runnable work) {
        callAs(actor, () -> {
            work.run();
            return null;
        });
    }
}
