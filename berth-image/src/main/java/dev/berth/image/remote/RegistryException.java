package dev.berth.image.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.OciJson;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A registry refused or failed a request. {@code status} is the HTTP status the Engine API should
 * answer with (404 for unknown manifests, 401 for refused credentials, 500 otherwise); the message
 * is worded as dockerd words it.
 */
public final class RegistryException extends RuntimeException {
    private final int status;
    private final String reason;

    public RegistryException(int status, String message) {
        this(status, message, message);
    }

    private RegistryException(int status, String message, String reason) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    /** A request that failed before an answer, worded as Go's {@code url.Error}: {@code Head "URL": reason}. */
    static RegistryException onRequest(int status, String method, URI uri, String reason) {
        String verb = method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
        return new RegistryException(status, verb + " \"" + uri + "\": " + reason, reason);
    }

    /** The same failure without the request: dockerd's layer uploads report the reason alone. */
    RegistryException withoutRequest() {
        return reason.equals(getMessage()) ? this : new RegistryException(status, reason, reason);
    }

    public int status() {
        return status;
    }

    /**
     * The registry's own explanation from a distribution error body
     * ({@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}}), as
     * {@code "manifest unknown: manifest unknown"}, or the bare HTTP status when the body has none.
     */
    static String explain(int httpStatus, byte[] body) {
        List<String> parts = new ArrayList<>();
        try {
            JsonNode tree = OciJson.mapper().readTree(body);
            for (JsonNode e : tree.path("errors")) {
                String code = e.path("code").asText("").toLowerCase().replace('_', ' ');
                String message = e.path("message").asText("");
                parts.add(code.isEmpty() ? message : code + ": " + message);
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // fall back to the status line below
        }
        return parts.isEmpty() ? "unexpected status from registry: " + httpStatus : String.join(", ", parts);
    }
}
