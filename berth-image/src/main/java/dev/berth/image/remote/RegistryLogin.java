package dev.berth.image.remote;

import java.io.IOException;

/**
 * {@code docker login}: checks credentials against a registry (basic auth on {@code /v2/}, or a
 * token from the realm its challenge names) without storing anything; the client keeps them.
 *
 * <pre>{@code
 * RegistryLogin.check("127.0.0.1:5000", Credentials.of("user", "pass"), transport);   // throws RegistryException(401)
 * }</pre>
 */
public final class RegistryLogin {
    private RegistryLogin() {
    }

    /** The registry named by a login's server address: {@code https://index.docker.io/v1/} is Docker Hub. */
    public static String registryOf(String serverAddress) {
        String s = serverAddress == null || serverAddress.isEmpty() ? "docker.io" : serverAddress;
        s = s.replaceFirst("^https?://", "");
        int slash = s.indexOf('/');
        s = slash < 0 ? s : s.substring(0, slash);
        return s.equals("index.docker.io") || s.equals("registry-1.docker.io") ? "docker.io" : s;
    }

    public static void check(String serverAddress, Credentials credentials, RegistryTransport transport) throws IOException {
        transport.connect(registryOf(serverAddress), credentials, false).login();
    }
}
