package dev.berth.registry;

import dev.berth.http.Handler;
import dev.berth.registry.errcode.RegistryException;

/**
 * {@code log.accesslog}: one line per API request ({@code msg="response completed"}, like distribution's request
 * logger) with method, URI, route, user agent, duration and outcome. It is written whatever {@code log.level} says
 * and switched off with {@code accesslog.disabled: true}. A failed request carries its status and error code; a
 * successful one says {@code ok}, since berth-http does not yet expose the status a handler wrote.
 */
final class AccessLog {

    private final RegistryLog log;

    AccessLog(RegistryLog log) {
        this.log = log;
    }

    Handler wrap(String route, Handler handler) {
        return (req, res) -> {
            long start = System.nanoTime();
            String outcome = "ok";
            String code = "";
            try {
                handler.handle(req, res);
            } catch (RegistryException e) {
                outcome = String.valueOf(e.code().status());
                code = e.code().name();
                throw e;
            } catch (Exception | Error e) {
                outcome = "500";
                code = "UNKNOWN";
                throw e;
            } finally {
                String uri = req.rawQuery() == null || req.rawQuery().isEmpty() ? req.rawPath()
                        : req.rawPath() + "?" + req.rawQuery();
                log.access("response completed", "http.request.method", req.method(), "http.request.uri", uri,
                        "http.request.route", route, "http.request.useragent", req.header("User-Agent").orElse(""),
                        "http.response.duration", String.format("%.3fms", (System.nanoTime() - start) / 1e6),
                        "http.response.status", outcome, "err.code", code);
            }
        };
    }
}
