package dev.berth.registry.auth;

import dev.berth.http.HttpRequest;
import java.util.List;
import java.util.Optional;

/**
 * distribution's {@code silly} auth, for tests only: any {@code Authorization} header at all is accepted; without
 * one the client gets a Bearer challenge naming the realm, service and scopes.
 */
final class SillyAccess implements AccessController {

    private final String realm;
    private final String service;

    SillyAccess(String realm, String service) {
        this.realm = realm;
        this.service = service;
    }

    @Override
    public Optional<String> authorize(HttpRequest request, List<Scope> scopes) {
        if (request.header("Authorization").filter(h -> !h.isBlank()).isEmpty()) {
            throw Challenge.bearer(realm, service, scopes);
        }
        return Optional.of("silly");
    }
}
