package dev.berth.http;

import java.io.IOException;
import java.util.Map;

/**
 * Docker's error body, {@code {"message":"…"}\n}: the status of an {@link ApiException}, 500 with the message of
 * anything else, and no body at all for 304.
 */
public final class DockerErrorRenderer implements ErrorRenderer {

    @Override
    public void render(Throwable error, HttpRequest request, HttpResponse response) throws IOException {
        int status = error instanceof ApiException api ? api.status() : 500;
        if (status == 304) {
            response.empty(304);
            return;
        }
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        response.json(status, Map.of("message", message));
    }
}
