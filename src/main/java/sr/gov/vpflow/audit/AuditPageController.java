package sr.gov.vpflow.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;

/** The audit log page: the events the signed-in user may see, newest first, with filters. */
@PageController
class AuditPageController {

    private static final int PAGE_SIZE = 50;
    private static final List<String> OFFICE_ENTITIES =
            List.of("case", "appointment", "appointment_series", "guest", "user", "system");
    private static final List<String> OPERATOR_ENTITIES = List.of("user", "system");

    private final AuditQuery query;
    private final AuditWording wording;
    private final MessageSource messages;
    private final AuditExport export;
    private final AuditCheckpoints checkpoints;

    AuditPageController(
            AuditQuery query,
            AuditWording wording,
            MessageSource messages,
            AuditExport export,
            AuditCheckpoints checkpoints) {
        this.query = query;
        this.wording = wording;
        this.messages = messages;
        this.export = export;
        this.checkpoints = checkpoints;
    }

    /** The Vice President's button: the export of a period for an outside auditor. */
    @GetMapping("/audit/export")
    ResponseEntity<byte[]> export(
            @RequestParam(required = false, defaultValue = "") String from,
            @RequestParam(required = false, defaultValue = "") String to)
            throws IOException {
        return AuditApiController.download(export, from, to);
    }

    /** The filter as typed, shown back in the form. */
    record Filter(String entityType, String entityId, String eventType, String actorId, String from, String to) {}

    @GetMapping("/audit")
    String list(
            @RequestParam(name = "entity_type", required = false, defaultValue = "") String entityType,
            @RequestParam(name = "entity_id", required = false, defaultValue = "") String entityId,
            @RequestParam(name = "event_type", required = false, defaultValue = "") String eventType,
            @RequestParam(name = "actor_id", required = false, defaultValue = "") String actorId,
            @RequestParam(required = false, defaultValue = "") String from,
            @RequestParam(required = false, defaultValue = "") String to,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response,
            Locale locale) {
        Filter typed = new Filter(entityType, entityId, eventType, actorId, from, to);
        model.addAttribute("filter", typed);
        model.addAttribute("exports", user.role() == Role.VP);
        model.addAttribute("checkpoint", checkpoints.newest().orElse(null));
        model.addAttribute("entityTypes", user.role() == Role.ADMIN ? OPERATOR_ENTITIES : OFFICE_ENTITIES);
        model.addAttribute("eventTypes", query.eventTypes());
        model.addAttribute("actors", query.actors());
        try {
            AuditFilter filter = new AuditFilter(
                    entityType,
                    uuid(entityId, "entity_id"),
                    eventType,
                    uuid(actorId, "actor_id"),
                    AuditPeriod.from(from, "from"),
                    AuditPeriod.to(to, "to"));
            Page<AuditEntry> page = query.search(filter, cursor, PAGE_SIZE);
            model.addAttribute("lines", wording.describe(page.items(), locale));
            model.addAttribute("nextUrl", page.nextCursor() == null ? null : nextUrl(typed, page.nextCursor()));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("lines", List.of());
            model.addAttribute(
                    "problem",
                    messages.getMessage(
                            "audit.problem." + e.properties().getOrDefault("parameter", "filter"),
                            null,
                            messages.getMessage("audit.problem.filter", null, locale),
                            locale));
        }
        // a history restore wants the whole page back
        return htmx != null && restore == null ? "audit/list :: results" : "audit/list";
    }

    private static UUID uuid(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_parameter", "The value of '" + parameter + "' is not valid.")
                    .with("parameter", parameter);
        }
    }

    private static String nextUrl(Filter f, String cursor) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/audit");
        param(url, "entity_type", f.entityType());
        param(url, "entity_id", f.entityId());
        param(url, "event_type", f.eventType());
        param(url, "actor_id", f.actorId());
        param(url, "from", f.from());
        param(url, "to", f.to());
        return url.queryParam("cursor", cursor).encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder url, String name, String value) {
        url.queryParamIfPresent(name, Optional.ofNullable(value).filter(v -> !v.isBlank()));
    }
}
