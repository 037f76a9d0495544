package dev.berth.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.OciJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A compact JWS as the token server issues it ({@code header.claims.signature}, each base64url), split and decoded
 * but not yet trusted: {@link TokenTrust} checks the signature, {@link TokenAccess} the claims.
 */
record JsonWebToken(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {

    /** Rejects anything that is not three base64url parts whose first two are JSON objects. */
    static JsonWebToken parse(String compact) {
        String[] parts = compact.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a JWT has three dot-separated parts, this has " + parts.length);
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        try {
            JsonNode header = OciJson.mapper().readTree(b64.decode(parts[0]));
            JsonNode claims = OciJson.mapper().readTree(b64.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                throw new IllegalArgumentException("JWT header and claims must be JSON objects");
            }
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return new JsonWebToken(header, claims, input, b64.decode(parts[2]));
        } catch (IOException e) {
            throw new IllegalArgumentException("JWT part is not JSON: " + e.getMessage(), e);
        }
    }

    String algorithm() {
        return header.path("alg").asText("");
    }
}
