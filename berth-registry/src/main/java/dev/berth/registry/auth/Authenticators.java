package dev.berth.registry.auth;

import dev.berth.registry.config.RegistryConfig;
import java.io.IOException;
import java.util.Optional;

/** Makes the {@link AccessController} config.yml's {@code auth} section asks for. */
public final class Authenticators {

    private Authenticators() {
    }

    public static AccessController from(Optional<RegistryConfig.Auth> auth) throws IOException {
        if (auth.isEmpty()) {
            return AccessController.open();
        }
        return switch (auth.get()) {
            case RegistryConfig.Auth.Silly s -> new SillyAccess(s.realm(), s.service());
            case RegistryConfig.Auth.Htpasswd h -> new HtpasswdAccess(h.realm(), h.path());
            case RegistryConfig.Auth.Token t -> new TokenAccess(t.realm(), t.service(), t.issuer(),
                    TokenTrust.load(t.rootCertBundle()), java.time.Clock.systemUTC());
        };
    }
}
