package dev.berth.registry.auth;

import dev.berth.registry.errcode.ErrorCode;
import dev.berth.registry.errcode.RegistryException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The 401 that tells a client how to authenticate, with the scopes it was missing as the detail. */
final class Challenge {

    private Challenge() {
    }

    static RegistryException basic(String realm) {
        return ErrorCode.UNAUTHORIZED.withMessage("authentication required", null)
                .withHeaders(Map.of("WWW-Authenticate", "Basic realm=\"" + realm + "\""));
    }

    static RegistryException bearer(String realm, String service, List<Scope> scopes) {
        return bearer(realm, service, scopes, null);
    }

    /** @param error {@code invalid_token} or {@code insufficient_scope} (RFC 6750), or null when none was sent */
    static RegistryException bearer(String realm, String service, List<Scope> scopes, String error) {
        StringBuilder header = new StringBuilder("Bearer realm=\"" + realm + "\",service=\"" + service + "\"");
        if (!scopes.isEmpty()) {
            header.append(",scope=\"").append(scopes.stream().map(Scope::toString)
                    .collect(Collectors.joining(" "))).append('"');
        }
        if (error != null) {
            header.append(",error=\"").append(error).append('"');
        }
        List<Map<String, Object>> detail = scopes.stream()
                .map(s -> Map.<String, Object>of("Type", s.type(), "Name", s.name(), "Action",
                        String.join(",", s.actions())))
                .toList();
        return ErrorCode.UNAUTHORIZED.withMessage("authentication required", detail)
                .withHeaders(Map.of("WWW-Authenticate", header.toString()));
    }
}
