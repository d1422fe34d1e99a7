package sr.gov.vpflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * VP-Flow's application modules (each package under {@code sr.gov.vpflow}) keep to the
 * dependencies their {@code package-info.java} declares, use only what another module exposes
 * (its base package, or a named interface such as {@code platform :: web}), and form no cycle.
 * The module diagrams in docs/modules are the ones the code gives.
 */
class ModulesTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(VpFlowApplication.class);
    private static final Path DOCUMENTED = Path.of("docs/modules");

    @Test
    void everyModuleKeepsToTheDependenciesItDeclares() {
        MODULES.verify();
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("appointments", "audit", "cases", "documents", "governance", "guests", "platform", "users");
    }

    @Test
    void theModuleDiagramsInTheDocsAreTheOnesTheCodeGives() throws IOException {
        Path written = Path.of("target/modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(written.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        List<Path> diagrams;
        try (Stream<Path> files = Files.list(written)) {
            diagrams =
                    files.filter(f -> f.toString().endsWith(".puml")).sorted().toList();
        }
        assertThat(diagrams).isNotEmpty();
        for (Path diagram : diagrams) {
            Path documented = DOCUMENTED.resolve(diagram.getFileName());
            assertThat(documented)
                    .as("%s is not in docs/modules: copy target/modules/*.puml to docs/modules", diagram)
                    .exists();
            // PlantUML does not care in which order the elements come, and the writer varies it
            assertThat(Files.readAllLines(documented))
                    .as("%s differs: copy target/modules/*.puml to docs/modules", documented)
                    .containsExactlyInAnyOrderElementsOf(Files.readAllLines(diagram));
        }
    }
}
