package dev.berth.daemon.api;

import dev.berth.http.ApiException;
import dev.berth.http.DockerErrorRenderer;
import dev.berth.http.ErrorRenderer;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.oci.error.ConflictException;
import dev.berth.oci.error.ForbiddenException;
import dev.berth.oci.error.NotFoundException;
import java.io.IOException;

/** The one place where the modules' exceptions become Docker's status codes and error bodies. */
public final class EngineErrors implements ErrorRenderer {
    private final DockerErrorRenderer docker = new DockerErrorRenderer();

    @Override
    public void render(Throwable error, HttpRequest request, HttpResponse response) throws IOException {
        docker.render(translate(error), request, response);
    }

    public static Throwable translate(Throwable error) {
        return switch (error) {
            case ApiException api -> api;
            case NotFoundException nf -> new ApiException(404, nf.getMessage(), nf);
            case ConflictException c -> new ApiException(409, c.getMessage(), c);
            case ForbiddenException f -> new ApiException(403, f.getMessage(), f);
            case IllegalArgumentException bad -> new ApiException(400, bad.getMessage(), bad);
            default -> error;
        };
    }
}
