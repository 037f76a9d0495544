package dev.berth.image.remote;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What a client gave to authenticate to one registry: a user name and password, or nothing
 * (anonymous). A registry that answers with a token challenge gets these sent to its token
 * endpoint; one that asks for basic auth gets them on every request.
 */
public record Credentials(Optional<String> username, Optional<String> password) {
    public static final Credentials ANONYMOUS = new Credentials(Optional.empty(), Optional.empty());

    public static Credentials of(String username, String password) {
        boolean empty = (username == null || username.isEmpty()) && (password == null || password.isEmpty());
        return empty ? ANONYMOUS : new Credentials(Optional.ofNullable(username), Optional.ofNullable(password));
    }

    public boolean isAnonymous() {
        return username.isEmpty() && password.isEmpty();
    }

    /** The {@code Authorization} value of HTTP basic auth. */
    public String basicHeader() {
        String pair = username.orElse("") + ":" + password.orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : "user " + username.orElse("");
    }
}
