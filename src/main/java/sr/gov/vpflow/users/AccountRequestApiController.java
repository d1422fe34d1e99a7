package sr.gov.vpflow.users;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

/**
 * Requests to change the Vice President's power (a new or re-enabled vp account, a role to or
 * from vp, a vp's password): the administrator files them through /api/v1/users, a Vice
 * President who did not file them approves or rejects each here, with a reason.
 */
@ApiController("/api/v1/account-requests")
class AccountRequestApiController {

    private final AccountRequests requests;

    AccountRequestApiController(AccountRequests requests) {
        this.requests = requests;
    }

    /** Pending requests, or all of them (the newest 500) with {@code status=all}. */
    @Operation(
            summary = "Requests about the Vice President's power",
            description = "pending (default), approved, rejected or all; the vp and the admin read them.")
    @GetMapping
    List<AccountRequestView> list(@RequestParam(defaultValue = "pending") String status) {
        return requests.list(!"all".equals(status));
    }

    @Operation(summary = "Approve a request (another Vice President)")
    @Refusal(status = 400, codes = "reason_required")
    @Refusal(status = 403, codes = "four_eyes")
    @Refusal(status = 409, codes = "already_decided")
    @PostMapping("/{id}/approve")
    AccountRequestView approve(@PathVariable UUID id, @RequestBody Decision decision) {
        return requests.approve(id, decision.reason());
    }

    @Operation(summary = "Reject a request (a Vice President)")
    @Refusal(status = 400, codes = "reason_required")
    @Refusal(status = 409, codes = "already_decided")
    @PostMapping("/{id}/reject")
    AccountRequestView reject(@PathVariable UUID id, @RequestBody Decision decision) {
        return requests.reject(id, decision.reason());
    }

    record Decision(String reason) {}
}
