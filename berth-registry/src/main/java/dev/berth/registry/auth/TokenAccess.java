package dev.berth.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code auth.token}: the Docker token protocol. A client without a token gets 401 with
 * {@code WWW-Authenticate: Bearer realm="…",service="…",scope="repository:NAME:pull,push"}; it asks the realm (the
 * token server) for a token covering that scope and retries with {@code Authorization: Bearer <jwt>}. The token
 * is accepted when a {@link TokenTrust} key signed it, {@code iss} is the issuer, {@code aud} names the service,
 * the time is within {@code nbf}…{@code exp} (a minute of leeway for clock skew, as distribution allows) and its
 * {@code access} claim grants every action the route needs.
 */
final class TokenAccess implements AccessController {

    private static final long LEEWAY_SECONDS = 60;

    private final String realm;
    private final String service;
    private final String issuer;
    private final TokenTrust trust;
    private final Clock clock;

    TokenAccess(String realm, String service, String issuer, TokenTrust trust, Clock clock) {
        this.realm = realm;
        this.service = service;
        this.issuer = issuer;
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    public Optional<String> authorize(HttpRequest request, List<Scope> scopes) {
        Optional<String> bearer = request.header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip());
        if (bearer.isEmpty()) {
            throw Challenge.bearer(realm, service, scopes);
        }
        JsonNode claims;
        try {
            JsonWebToken token = JsonWebToken.parse(bearer.get());
            trust.verify(token);
            claims = token.claims();
            checkClaims(claims);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw Challenge.bearer(realm, service, scopes, "invalid_token");
        }
        Map<String, Set<String>> granted = granted(claims.path("access"));
        for (Scope scope : scopes) {
            Set<String> actions = granted.getOrDefault(scope.type() + ":" + scope.name(), Set.of());
            if (!actions.contains("*") && !actions.containsAll(scope.actions())) {
                throw Challenge.bearer(realm, service, scopes, "insufficient_scope");
            }
        }
        return Optional.of(claims.path("sub").asText(""));
    }

    private void checkClaims(JsonNode claims) throws GeneralSecurityException {
        if (!issuer.equals(claims.path("iss").asText(null))) {
            throw new GeneralSecurityException("token issuer is not " + issuer);
        }
        JsonNode aud = claims.path("aud");
        boolean forUs = aud.isArray() ? contains(aud, service) : service.equals(aud.asText(null));
        if (!forUs) {
            throw new GeneralSecurityException("token audience does not include " + service);
        }
        long now = Instant.now(clock).getEpochSecond();
        if (!claims.path("exp").canConvertToLong() || now > claims.path("exp").asLong() + LEEWAY_SECONDS) {
            throw new GeneralSecurityException("token expired or without exp");
        }
        if (claims.has("nbf") && now < claims.path("nbf").asLong() - LEEWAY_SECONDS) {
            throw new GeneralSecurityException("token not valid yet");
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    /** {@code access: [{type, name, actions: [...]}, ...]} as "type:name" to the actions granted on it. */
    private static Map<String, Set<String>> granted(JsonNode access) {
        Map<String, Set<String>> granted = new HashMap<>();
        for (JsonNode entry : access) {
            Set<String> actions = granted.computeIfAbsent(
                    entry.path("type").asText("") + ":" + entry.path("name").asText(""), k -> new HashSet<>());
            entry.path("actions").forEach(a -> actions.add(a.asText()));
        }
        return granted;
    }
}
