package dev.berth.registry.errcode;

import java.util.Map;

/**
 * One failure as the distribution API reports it: a code, a message and a detail (any JSON value, often the digest
 * or name concerned). Extra response fields, such as {@code Range} on a 416 or {@code WWW-Authenticate} on a 401,
 * travel with it.
 */
public final class RegistryException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object detail;
    private final transient Map<String, String> headers;

    public RegistryException(ErrorCode code, String message, Object detail) {
        this(code, message, detail, Map.of());
    }

    private RegistryException(ErrorCode code, String message, Object detail, Map<String, String> headers) {
        super(message);
        this.code = code;
        this.detail = detail;
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public Object detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public RegistryException withHeaders(Map<String, String> extra) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putAll(extra);
        return new RegistryException(code, getMessage(), detail, all);
    }
}
