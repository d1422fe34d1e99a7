package sr.gov.vpflow.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import sr.gov.vpflow.platform.CredentialsRefusedException;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.db.DatabaseFailures;

/**
 * Refusals on the web pages: a page with a readable message in the user's language, and the same
 * status code the API would give.
 */
@ControllerAdvice(annotations = PageController.class)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);
    private final MessageSource messages;

    PageExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException e, Model model, HttpServletResponse response, Locale locale) {
        response.setStatus(e.status().value());
        model.addAttribute("message", PageMessages.of(messages, e, locale));
        return "error/problem";
    }

    /** The session ended or the account was taken away while the page was open: sign in again. */
    @ExceptionHandler(CredentialsRefusedException.class)
    String credentialsRefused() {
        return "redirect:/login";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badParameter(Model model, HttpServletResponse response, Locale locale) {
        response.setStatus(404);
        model.addAttribute("message", messages.getMessage("problem.not_found", null, locale));
        return "error/problem";
    }

    /** The database cannot be reached (down, restarting): 503, try again in a moment. */
    @ExceptionHandler(TransactionException.class)
    String transaction(TransactionException e, Model model, HttpServletResponse response, Locale locale) {
        if (!DatabaseFailures.unavailable(e)) {
            log.error("transaction failure on a page: {}", e.getMessage());
            response.setStatus(500);
            model.addAttribute("message", messages.getMessage("problem.database_error", null, locale));
            return "error/problem";
        }
        return unavailable(e, model, response, locale);
    }

    private String unavailable(Exception e, Model model, HttpServletResponse response, Locale locale) {
        log.warn("database unavailable on a page: {}", e.getMessage());
        response.setStatus(503);
        response.setHeader("Retry-After", Integer.toString(DatabaseFailures.RETRY_AFTER_SECONDS));
        model.addAttribute("message", messages.getMessage("problem.database_unavailable", null, locale));
        return "error/problem";
    }

    @ExceptionHandler(DataAccessException.class)
    String database(DataAccessException e, Model model, HttpServletResponse response, Locale locale) {
        if (DatabaseFailures.unavailable(e)) {
            return unavailable(e, model, response, locale);
        }
        ApiExceptionHandler.DatabaseRefusal refusal = ApiExceptionHandler.DatabaseRefusal.of(e);
        if (refusal.status().value() == 401) {
            return "redirect:/login";
        }
        if (refusal.status().is5xxServerError()) {
            log.error("database error on a page: {}", e.getMostSpecificCause().getMessage());
        }
        response.setStatus(refusal.status().value());
        model.addAttribute("message", messages.getMessage("problem." + refusal.code(), null, refusal.detail(), locale));
        return "error/problem";
    }
}
