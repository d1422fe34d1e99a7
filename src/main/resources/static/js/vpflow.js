// Sends the CSRF token with every htmx request; the pages hold it in <meta name="_csrf">.
document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
        event.detail.headers[header.content] = token.content;
    }
});

// A form marked data-swap-refusals gets the part of the page that a refusal (4xx) answers with,
// which says why; htmx would otherwise show nothing.
document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status >= 400 && status < 500 && event.detail.requestConfig
            && event.detail.requestConfig.elt.closest("[data-swap-refusals]")) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
    }
});

// A print button (data-print) is shown only where this script runs, and prints the page; the
// content security policy allows no inline script, so the handler lives here.
document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
        window.print();
    });
});
