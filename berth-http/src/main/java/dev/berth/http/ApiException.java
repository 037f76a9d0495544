package dev.berth.http;

/**
 * An error with the HTTP status it means. Code anywhere below a route throws one (e.g.
 * {@code throw ApiException.notFound("No such container: %s", id)}); the server hands it to the
 * {@link ErrorRenderer}, the one place that turns errors into responses.
 */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException notFound(String format, Object... args) {
        return new ApiException(404, format.formatted(args));
    }

    public static ApiException conflict(String format, Object... args) {
        return new ApiException(409, format.formatted(args));
    }

    public static ApiException invalidParameter(String format, Object... args) {
        return new ApiException(400, format.formatted(args));
    }

    /** Not a failure for Docker clients: start of a running container, stop of a stopped one. */
    public static ApiException notModified() {
        return new ApiException(304, "not modified");
    }

    public static ApiException forbidden(String format, Object... args) {
        return new ApiException(403, format.formatted(args));
    }

    public static ApiException unauthorized(String format, Object... args) {
        return new ApiException(401, format.formatted(args));
    }

    public static ApiException unavailable(String format, Object... args) {
        return new ApiException(503, format.formatted(args));
    }

    public static ApiException internal(String format, Object... args) {
        return new ApiException(500, format.formatted(args));
    }
}
