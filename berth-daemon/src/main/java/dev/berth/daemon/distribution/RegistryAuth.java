package dev.berth.daemon.distribution;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.http.ApiException;
import dev.berth.image.remote.Credentials;
import dev.berth.oci.OciJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The credentials a client sends: the {@code X-Registry-Auth} header of pull and push (base64url of
 * a JSON auth config; {@code e30=}, i.e. {@code {}}, is anonymous) and the body of {@code POST /auth}.
 * An {@code auth} field ({@code base64(user:pass)}, as config.json stores it) stands in for a missing
 * user name and password.
 */
public record RegistryAuth(@JsonProperty("username") String username, @JsonProperty("password") String password,
                           @JsonProperty("auth") String auth, @JsonProperty("serveraddress") String serverAddress,
                           @JsonProperty("identitytoken") String identityToken) {

    public static final RegistryAuth ANONYMOUS = new RegistryAuth(null, null, null, null, null);

    /** Decodes the header; absent or empty means anonymous, anything undecodable is a 400 as in dockerd. */
    public static RegistryAuth fromHeader(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return ANONYMOUS;
        }
        try {
            String text = header.get().strip();
            byte[] json = Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_'));
            return OciJson.read(json, RegistryAuth.class);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("invalid X-Registry-Auth header: %s", e.getMessage());
        }
    }

    public Credentials credentials() {
        if ((username == null || username.isEmpty()) && auth != null && !auth.isEmpty()) {
            String pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                return Credentials.of(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return Credentials.of(username, password);
    }
}
