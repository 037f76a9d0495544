package dev.berth.http;

import java.io.IOException;

/**
 * Turns a handler's failure into a response, in one place. The server calls it when a handler throws before
 * committing its response: berthd renders Docker's {@code {"message":…}}, a registry would render
 * distribution's {@code {"errors":[…]}}. After the response was committed there is nothing left to render and
 * the server closes the connection instead.
 */
@FunctionalInterface
public interface ErrorRenderer {

    void render(Throwable error, HttpRequest request, HttpResponse response) throws IOException;
}
