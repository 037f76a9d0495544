package dev.berth.registry.auth;

import dev.berth.http.HttpRequest;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a request may do what its route needs. Each route names its {@link Scope}s; the controller
 * reads the credentials ({@code Authorization}) and either returns the user's name (empty for anonymous access) or
 * throws UNAUTHORIZED (401) with the {@code WWW-Authenticate} challenge that tells the client how to log in, or
 * DENIED (403).
 *
 * <pre>{@code
 * AccessController access = new HtpasswdAccess("registry", Htpasswd.load(path));
 * access.authorize(request, List.of(Scope.repository("library/busybox", "pull", "push")));
 * }</pre>
 */
public interface AccessController {

    Optional<String> authorize(HttpRequest request, List<Scope> scopes);

    /** No auth section: everything is allowed to everyone. */
    static AccessController open() {
        return (request, scopes) -> Optional.empty();
    }
}
