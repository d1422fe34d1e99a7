package sr.gov.vpflow.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.VpFlowApplication;

/**
 * A VP-Flow instance of its own, for tests that must not share the common database: a restart,
 * a tampered audit log, a migration from an older version.
 */
public final class StandaloneApplication {

    private StandaloneApplication() {}

    public static ConfigurableApplicationContext start(Path dataDir, boolean web, String... properties) {
        // as arguments, which win over application.properties (default properties would not)
        List<String> args = new ArrayList<>(
                List.of("--vpflow.data-dir=" + dataDir, "--vpflow.login.bcrypt-strength=4", "--server.port=0"));
        for (String property : properties) {
            args.add("--" + property);
        }
        if (List.of(properties).stream().noneMatch(p -> p.startsWith("vpflow.login.require-second-factor="))) {
            // tests sign in with passwords alone, unless the test is about the second factor
            args.add("--vpflow.login.require-second-factor=false");
        }
        for (String limit : List.of("vpflow.login.failures-per-minute=", "vpflow.login.failures-per-account=")) {
            if (List.of(properties).stream().noneMatch(p -> p.startsWith(limit))) {
                // every test signs in from this machine: no limit on failures, unless the test is about it
                args.add("--" + limit + "1000000");
            }
        }
        if (List.of(properties).stream().noneMatch(p -> p.startsWith("vpflow.backup.schedule="))) {
            // no backup at night in the middle of a test run, unless the test is about backups
            args.add("--vpflow.backup.schedule=off");
        }
        return new SpringApplicationBuilder(VpFlowApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
