package sr.gov.vpflow.cli;

import picocli.CommandLine.IVersionProvider;

class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"VP-Flow " + (version == null ? "(development build)" : version)};
    }
}
