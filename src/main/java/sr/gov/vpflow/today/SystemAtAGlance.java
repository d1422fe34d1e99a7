package sr.gov.vpflow.today;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVerification;
import sr.gov.vpflow.audit.AuditVerifier;
import sr.gov.vpflow.governance.MigrationPlan;
import sr.gov.vpflow.governance.MigrationPlans;
import sr.gov.vpflow.governance.MigrationRunner;
import sr.gov.vpflow.governance.RestorePoint;
import sr.gov.vpflow.governance.RestorePointVerification;
import sr.gov.vpflow.governance.RestorePoints;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.users.AccountRequestView;
import sr.gov.vpflow.users.AccountRequests;
import sr.gov.vpflow.users.AccountsAtAGlance;
import sr.gov.vpflow.users.UserService;

/**
 * The administrator's start: the system at a glance. Plans applied and pending, the newest
 * restore points, the audit chain and its newest checkpoint, and the accounts that need a look.
 * No office content: nothing here reads a guest, an appointment, a case or a document.
 */
@Component
class SystemAtAGlance {

    private static final int RESTORE_POINTS = 3;
    /**
     * Checking the audit chain re-hashes every event; the start page shows a check at most this
     * old instead of making one on every visit (the audit page checks on demand).
     */
    static final java.time.Duration AUDIT_CHECK_KEPT = java.time.Duration.ofMinutes(10);

    private static final int ACCOUNTS = 500;

    private final MigrationRunner migrations;
    private final RestorePoints restorePoints;
    private final AuditVerifier auditVerifier;
    private final UserService users;
    private final AccountRequests requests;
    private final java.time.Clock clock;
    private volatile AuditCheck lastAudit;

    /** A check of the audit chain and when it was made (in Paramaribo time). */
    record AuditCheck(AuditVerification verification, java.time.OffsetDateTime at) {}

    SystemAtAGlance(
            MigrationRunner migrations,
            RestorePoints restorePoints,
            AuditVerifier auditVerifier,
            UserService users,
            AccountRequests requests,
            java.time.Clock clock) {
        this.clock = clock;
        this.migrations = migrations;
        this.restorePoints = restorePoints;
        this.auditVerifier = auditVerifier;
        this.users = users;
        this.requests = requests;
    }

    /** A plan and the versions of it still to apply (none: applied). */
    record Plan(String name, String title, List<String> pending) {}

    /** A restore point and its last verification (null: never verified since it was made). */
    record Point(RestorePoint point, RestorePointVerification verification) {}

    record Glance(
            List<Plan> plans,
            List<Point> restorePoints,
            AuditCheck audit,
            AccountsAtAGlance accounts,
            List<AccountRequestView> pendingRequests) {}

    Glance now() {
        List<Plan> plans = MigrationPlans.all().stream()
                .map((MigrationPlan p) -> new Plan(p.name(), p.title(), migrations.pending(p)))
                .toList();
        List<Point> newest = restorePoints.list().stream()
                .sorted(Comparator.comparing(RestorePoint::createdAt).reversed())
                .limit(RESTORE_POINTS)
                .map(p -> new Point(p, restorePoints.lastVerification(p).orElse(null)))
                .toList();
        return new Glance(plans, newest, auditCheck(), users.atAGlance(ACCOUNTS), requests.list(true));
    }

    private AuditCheck auditCheck() {
        AuditCheck last = lastAudit;
        if (last == null || last.at().toInstant().plus(AUDIT_CHECK_KEPT).isBefore(clock.instant())) {
            last = new AuditCheck(auditVerifier.verify(), OfficeTime.now(clock).toOffsetDateTime());
            lastAudit = last;
        }
        return last;
    }
}
