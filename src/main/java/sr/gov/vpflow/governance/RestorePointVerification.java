package sr.gov.vpflow.governance;

import java.util.List;

/**
 * The last verification of a restore point (by a page, the command line or a backup), kept beside
 * the restore points so that their list can say which were proven readable and intact without
 * reading every byte again.
 *
 * @param verifiedAt     when, in office time, ISO-8601 with offset
 * @param manifestSha256 the manifest it verified: a restore point made again under the same name is not verified
 */
public record RestorePointVerification(
        String name,
        String verifiedAt,
        boolean intact,
        boolean restorable,
        List<String> problems,
        String manifestSha256) {

    public boolean ok() {
        return intact && restorable;
    }
}
