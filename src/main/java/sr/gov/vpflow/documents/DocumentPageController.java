package sr.gov.vpflow.documents;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sr.gov.vpflow.audit.AuditWording;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/**
 * The document pages: the list with search, the upload form, a document with its preview, links,
 * history and deactivation, and the fragment that the guest, appointment and case pages load
 * ({@code hx-get="/documents/fragments/by-entity/case/{id}"}).
 */
@PageController
@RequestMapping("/documents")
class DocumentPageController {

    private static final int PAGE_SIZE = 25;
    private static final int FRAGMENT_SIZE = 50;
    private static final int CHOICES = 100;

    private final DocumentService documents;
    private final DocumentUploads uploads;
    private final DocumentContent content;
    private final AuditWording wording;
    private final MessageSource messages;

    DocumentPageController(
            DocumentService documents,
            DocumentUploads uploads,
            DocumentContent content,
            AuditWording wording,
            MessageSource messages) {
        this.documents = documents;
        this.uploads = uploads;
        this.content = content;
        this.wording = wording;
        this.messages = messages;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        Page<DocumentView> page = documents.list(new DocumentFilter(q, null, null, includeInactive), cursor, PAGE_SIZE);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("includeInactive", includeInactive);
        model.addAttribute("page", page);
        return htmx != null ? "documents/list :: results" : "documents/list";
    }

    @GetMapping("/new")
    String uploadForm(
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) String entityId,
            Model model) {
        DocumentService.officeOnly();
        EntityType type =
                entityType == null ? null : EntityType.fromCode(entityType).orElse(null);
        UUID id = null;
        if (type != null && type != EntityType.NONE) {
            id = DocumentUploads.entityId(type, entityId);
            documents.checkLinkTarget(type, id);
        }
        formModel(model, type, id);
        return "documents/form";
    }

    private void formModel(Model model, EntityType type, UUID id) {
        model.addAttribute("entityType", type == null ? "" : type.code());
        model.addAttribute("entityId", id == null ? "" : id.toString());
        model.addAttribute("maxMb", uploads.maxBytes() / (1024 * 1024));
    }

    /** The upload form posts here as multipart; its CSRF token comes in the query string, as the body is read as a stream. */
    @PostMapping
    String upload(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            DocumentView created = uploads.upload(request);
            redirect.addFlashAttribute("notice", "documents.notice.uploaded");
            return "redirect:/documents/" + created.id();
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", PageMessages.of(messages, e, locale));
            formModel(model, null, null);
            return "documents/form";
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model, Locale locale) {
        DocumentView document = documents.get(id);
        List<LinkView> links = documents.links(id);
        model.addAttribute("d", document);
        model.addAttribute("links", links);
        model.addAttribute(
                "standAlone", links.stream().anyMatch(l -> l.entityType().equals("none")));
        model.addAttribute("history", wording.describe(documents.history(id), locale));
        return "documents/show";
    }

    @GetMapping("/{id}/content")
    void content(
            @PathVariable UUID id,
            @RequestParam(required = false) String disposition,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        content.send(id, disposition, request, response);
    }

    @PostMapping("/{id}/links")
    String link(
            @PathVariable UUID id,
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) String entityId,
            RedirectAttributes redirect) {
        EntityType type = EntityType.fromCode(entityType == null ? "" : entityType)
                .orElseThrow(() -> DocumentException.invalid("entity_type", "invalid_value", null));
        LinkView link = documents.link(id, type, DocumentUploads.entityId(type, entityId));
        redirect.addFlashAttribute("notice", "documents.notice.linked");
        return "redirect:" + (link.entityPage() != null ? link.entityPage() : "/documents/" + id);
    }

    /** From a record's page: links one of the documents offered there to the record. */
    @PostMapping("/link-existing")
    String linkExisting(
            @RequestParam(name = "document_id") UUID documentId,
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) String entityId,
            RedirectAttributes redirect) {
        return link(documentId, entityType, entityId, redirect);
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            documents.deactivate(id, reason);
        } catch (ProblemException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", PageMessages.of(messages, e, locale));
            return "redirect:/documents/" + id;
        }
        redirect.addFlashAttribute("notice", "documents.notice.deactivated");
        return "redirect:/documents/" + id;
    }

    /** The active documents of a guest, appointment or case, with "upload" and "link an existing document". */
    @GetMapping("/fragments/by-entity/{type}/{id}")
    String byEntity(@PathVariable String type, @PathVariable UUID id, Model model) {
        EntityType entityType =
                EntityType.fromCode(type).filter(t -> t != EntityType.NONE).orElseThrow(DocumentException::notFound);
        documents.checkLinkTarget(entityType, id);
        Page<DocumentView> linked =
                documents.list(new DocumentFilter(null, entityType, id, false), null, FRAGMENT_SIZE);
        Set<UUID> linkedIds = linked.items().stream().map(DocumentView::id).collect(Collectors.toSet());
        List<DocumentView> choices = documents.list(DocumentFilter.all(), null, CHOICES).items().stream()
                .filter(d -> !linkedIds.contains(d.id()))
                .toList();
        model.addAttribute("documents", linked.items());
        model.addAttribute("more", linked.nextCursor() != null);
        model.addAttribute("choices", choices);
        model.addAttribute("entityType", entityType.code());
        model.addAttribute("entityId", id);
        return "documents/fragments :: linked-documents";
    }
}
