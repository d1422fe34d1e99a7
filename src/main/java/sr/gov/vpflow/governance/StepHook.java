package sr.gov.vpflow.governance;

/** Called after each step of a plan has done its work; the tests make a step fail through it. */
@FunctionalInterface
interface StepHook {

    StepHook NONE = step -> {};

    void after(int step);
}
