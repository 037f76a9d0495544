package dev.berth.registry.api;

import dev.berth.http.ApiException;
import dev.berth.http.ErrorRenderer;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.registry.errcode.ErrorCode;
import dev.berth.registry.errcode.RegistryException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * distribution's error body, {@code {"errors":[{"code":…,"message":…,"detail":…}]}}, with the status registered
 * for the code. A route that does not exist is a plain {@code 404 page not found}, as distribution's router says;
 * anything unexpected is UNKNOWN with status 500.
 */
public final class RegistryErrorRenderer implements ErrorRenderer {

    private static final System.Logger LOG = System.getLogger(RegistryErrorRenderer.class.getName());

    @Override
    public void render(Throwable error, HttpRequest request, HttpResponse response) throws IOException {
        RegistryException e = switch (error) {
            case RegistryException r -> r;
            case ApiException api when api.status() == 404 -> null;
            case ApiException api when api.status() == 400 ->
                    new RegistryException(ErrorCode.UNKNOWN, api.getMessage(), null);
            default -> {
                LOG.log(System.Logger.Level.WARNING, "request " + request.method() + " " + request.rawPath()
                        + " failed", error);
                yield new RegistryException(ErrorCode.UNKNOWN, String.valueOf(error.getMessage()), null);
            }
        };
        if (e == null) {
            response.text(404, "404 page not found\n");
            return;
        }
        e.headers().forEach(response::header);
        int status = error instanceof ApiException api && api.status() == 400 ? 400 : e.code().status();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", e.code().name());
        entry.put("message", e.getMessage());
        entry.put("detail", e.detail());
        if (request.method().equals("HEAD")) {
            response.empty(status);
            return;
        }
        response.json(status, Map.of("errors", List.of(entry)));
    }
}
