package sr.gov.vpflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The house rules of STYLE.md that a machine can check: modules without cycles, minimal visibility. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("sr.gov.vpflow");
    }

    @Test
    void modulesDependOnEachOtherWithoutCycles() {
        slices().matching("sr.gov.vpflow.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void thePlatformDependsOnNoBusinessModule() {
        noClasses()
                .that()
                .resideInAPackage("sr.gov.vpflow.platform..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "sr.gov.vpflow.platform..",
                        "java..",
                        "javax..",
                        "jakarta..",
                        "org..",
                        "com..",
                        "io..",
                        "tools..",
                        "software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void repositoriesAndControllersAreNotPublic() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .notBePublic()
                .check(classes);
        classes()
                .that()
                .areAnnotatedWith(Controller.class)
                .or()
                .areMetaAnnotatedWith(RestController.class)
                .and()
                .areNotAnnotations()
                .should()
                .notBePublic()
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void everyClassReadsTheApplicationsClock() {
        // the one clock is a bean (ClockConfiguration; in demo mode DemoClock, which wraps the system's)
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("sr.gov.vpflow.platform.ClockConfiguration")
                .and()
                .doNotHaveFullyQualifiedName("sr.gov.vpflow.demo.DemoClock")
                .should()
                .callMethod(java.time.Clock.class, "systemUTC")
                .orShould()
                .callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould()
                .callMethodWhere(readsTheSystemClock())
                .check(classes);
    }

    @Test
    void dependenciesAreInjectedThroughConstructors() {
        noFields().should().beAnnotatedWith(Autowired.class).check(classes);
    }

    @Test
    void onlyTheCommandLineStartsTheApplication() {
        noClasses()
                .that()
                .resideOutsideOfPackages("sr.gov.vpflow.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("sr.gov.vpflow.cli..")
                .because("the command line drives the modules, never the other way round")
                .check(classes.that(com.tngtech.archunit.base.DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName("VpFlowApplication"))));
    }

    /**
     * The owner's connection bypasses row-level security and the acting user decides whom the
     * database believes: governance (migration plans, restore points, validation) and the database
     * platform itself use them, nothing else. The one exception is the audit chain's checkpoint,
     * which must read every row of the chain, whoever may see it.
     */
    @Test
    void onlyGovernanceAndTheDatabasePlatformTouchTheOwnersConnectionAndTheActingUser() {
        noClasses()
                .that()
                .resideOutsideOfPackages("sr.gov.vpflow.governance..", "sr.gov.vpflow.platform.db..")
                .and()
                .doNotHaveFullyQualifiedName("sr.gov.vpflow.audit.AuditCheckpoints")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("sr.gov.vpflow.platform.db.OwnerDatabase")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("sr.gov.vpflow.platform.db.ActingUser")
                .check(classes);
    }

    /** {@code now()} or {@code now(zone)} of any java.time type: the system's clock, not the application's. */
    private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaMethodCall>
            readsTheSystemClock() {
        return com.tngtech.archunit.base.DescribedPredicate.describe(
                "now() without the application's Clock",
                call -> call.getTargetOwner().getPackageName().equals("java.time")
                        && call.getName().equals("now")
                        && call.getTarget().getRawParameterTypes().stream()
                                .noneMatch(t -> t.isEquivalentTo(java.time.Clock.class)));
    }
}
