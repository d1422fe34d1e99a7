package sr.gov.vpflow.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A refusal an API operation answers besides the ones every operation of its kind has (see
 * {@link ApiRefusals}): the status and the problem {@code code}s it comes with. The OpenAPI
 * description documents each, and a test holds the real responses to it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Refusal.List.class)
public @interface Refusal {

    int status();

    String[] codes();

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface List {
        Refusal[] value();
    }
}
