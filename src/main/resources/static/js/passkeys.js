// Passkeys (WebAuthn). A button with data-passkey="create" (make one) or "get" (sign in with one)
// and data-options (where the server gives the options) runs the browser's ceremony and sends the
// answer, as JSON in the "credential" field, with the button's form. Bytes travel as base64url.
(function () {
    "use strict";

    function decode(text) {
        var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        return bytes.buffer;
    }

    function encode(buffer) {
        var bytes = new Uint8Array(buffer);
        var binary = "";
        for (var i = 0; i < bytes.length; i++) {
            binary += String.fromCharCode(bytes[i]);
        }
        return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    // a descriptor's id as bytes; members the server left empty (null) left out
    function decodeIds(list) {
        return (list || []).map(function (item) {
            var descriptor = { type: item.type, id: decode(item.id) };
            if (Array.isArray(item.transports) && item.transports.length > 0) {
                descriptor.transports = item.transports;
            }
            return descriptor;
        });
    }

    function csrfHeaders() {
        var headers = { "Accept": "application/json" };
        var token = document.querySelector('meta[name="_csrf"]');
        var header = document.querySelector('meta[name="_csrf_header"]');
        if (token && header) {
            headers[header.content] = token.content;
        }
        return headers;
    }

    async function create(options) {
        options.challenge = decode(options.challenge);
        options.user.id = decode(options.user.id);
        options.excludeCredentials = decodeIds(options.excludeCredentials);
        var made = await navigator.credentials.create({ publicKey: options });
        return {
            id: made.id,
            rawId: encode(made.rawId),
            type: made.type,
            response: {
                attestationObject: encode(made.response.attestationObject),
                clientDataJSON: encode(made.response.clientDataJSON),
                transports: made.response.getTransports ? made.response.getTransports() : []
            },
            clientExtensionResults: made.getClientExtensionResults(),
            authenticatorAttachment: made.authenticatorAttachment
        };
    }

    async function get(options) {
        options.challenge = decode(options.challenge);
        options.allowCredentials = decodeIds(options.allowCredentials);
        var used = await navigator.credentials.get({ publicKey: options });
        return {
            id: used.id,
            rawId: encode(used.rawId),
            type: used.type,
            response: {
                authenticatorData: encode(used.response.authenticatorData),
                clientDataJSON: encode(used.response.clientDataJSON),
                signature: encode(used.response.signature),
                userHandle: used.response.userHandle ? encode(used.response.userHandle) : null
            },
            clientExtensionResults: used.getClientExtensionResults(),
            authenticatorAttachment: used.authenticatorAttachment
        };
    }

    async function ceremony(button) {
        var form = button.form;
        var failed = document.getElementById("passkey-failed");
        if (!form.reportValidity()) {
            return;
        }
        button.disabled = true;
        if (failed) {
            failed.hidden = true;
        }
        try {
            var response = await fetch(button.dataset.options, {
                method: "POST",
                headers: csrfHeaders(),
                credentials: "same-origin"
            });
            if (response.status === 401) {
                // the session waiting for its second factor has ended: sign in again
                window.location.href = new URL("/login?expired", window.location.href).href;
                return;
            }
            if (!response.ok) {
                throw new Error("HTTP " + response.status);
            }
            var options = await response.json();
            var answer = button.dataset.passkey === "create" ? await create(options) : await get(options);
            form.elements.credential.value = JSON.stringify(answer);
            form.submit();
        } catch (e) {
            button.disabled = false;
            if (failed) {
                failed.hidden = false;
            }
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        var buttons = document.querySelectorAll("button[data-passkey]");
        if (!window.PublicKeyCredential || !navigator.credentials) {
            buttons.forEach(function (button) {
                button.disabled = true;
            });
            var unsupported = document.getElementById("passkey-unsupported");
            if (unsupported && buttons.length > 0) {
                unsupported.hidden = false;
            }
            return;
        }
        buttons.forEach(function (button) {
            button.addEventListener("click", function () {
                ceremony(button);
            });
        });
    });
})();
