package sr.gov.vpflow.governance;

/** Where a long operation tells how far it is: one line per event (a table copied, a step done). */
@FunctionalInterface
public interface Progress {

    void report(String line);

    static Progress none() {
        return line -> {};
    }
}
