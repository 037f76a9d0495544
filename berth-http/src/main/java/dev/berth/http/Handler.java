package dev.berth.http;

/** Serves one route: reads what it needs from the request and answers exactly once through the response. */
@FunctionalInterface
public interface Handler {

    void handle(HttpRequest request, HttpResponse response) throws Exception;
}
