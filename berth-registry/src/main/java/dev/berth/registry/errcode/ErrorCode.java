package dev.berth.registry.errcode;

/**
 * The error codes of the distribution spec, each with the HTTP status and message distribution registers for it.
 * A handler throws {@link RegistryException} with one of these; {@code RegistryErrorRenderer} writes the body.
 */
public enum ErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    TAG_INVALID(400, "manifest tag did not match URI"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(405, "The operation is unsupported."),
    TOOMANYREQUESTS(429, "too many requests"),
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    RANGE_INVALID(416, "invalid content range"),
    UNKNOWN(500, "unknown error"),
    UNAVAILABLE(503, "service unavailable");

    private final int status;
    private final String message;

    ErrorCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** Shorthand: {@code throw ErrorCode.BLOB_UNKNOWN.with(digest)}. */
    public RegistryException with(Object detail) {
        return new RegistryException(this, message, detail);
    }

    public RegistryException withMessage(String message, Object detail) {
        return new RegistryException(this, message, detail);
    }
}
