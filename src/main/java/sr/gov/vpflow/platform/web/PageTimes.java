package sr.gov.vpflow.platform.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times as the pages' {@code <time datetime>} attributes write them ({@code ${@pageTimes.datetime(t)}}):
 * to the second, with the offset. HTML allows at most three digits of a second's fraction, and
 * PostgreSQL keeps six.
 */
@Component
public class PageTimes {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    public String datetime(OffsetDateTime time) {
        return time == null ? null : DATETIME.format(time);
    }
}
