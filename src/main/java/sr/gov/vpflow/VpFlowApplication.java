package sr.gov.vpflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import sr.gov.vpflow.cli.Cli;

/** VP-Flow: one jar whose default subcommand, {@code serve}, runs the server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VpFlowApplication {

    public static void main(String[] args) {
        Cli.main(VpFlowApplication.class, args);
    }
}
