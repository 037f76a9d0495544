package dev.berth.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.registry.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token server's keys, from {@code auth.token.rootcertbundle}. A token names its signing key either by an
 * {@code x5c} chain that must lead to a certificate of the bundle, or by a {@code kid} that must be the libtrust
 * key ID (what docker_auth and distribution's own token server put there) of a bundle certificate's key.
 *
 * <pre>{@code
 * TokenTrust trust = TokenTrust.load(Path.of("/etc/registry/token.crt"));
 * trust.verify(JsonWebToken.parse(bearer));   // throws unless a trusted key signed it
 * }</pre>
 */
final class TokenTrust {

    /** JWS algorithm name to JCA signature; ECDSA in JWS is raw r||s, which is the P1363 format. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA",
            "ES256", "SHA256withECDSAinP1363Format", "ES384", "SHA384withECDSAinP1363Format",
            "ES512", "SHA512withECDSAinP1363Format");

    private final List<X509Certificate> roots;
    private final Map<String, PublicKey> byKeyId;

    private TokenTrust(List<X509Certificate> roots) {
        this.roots = List.copyOf(roots);
        Map<String, PublicKey> ids = new java.util.HashMap<>();
        for (X509Certificate c : roots) {
            ids.put(keyId(c.getPublicKey()), c.getPublicKey());
        }
        this.byKeyId = Map.copyOf(ids);
    }

    static TokenTrust load(Path bundle) throws IOException {
        if (!Files.isReadable(bundle)) {
            throw new ConfigException("auth.token.rootcertbundle: cannot read " + bundle);
        }
        try (InputStream in = Files.newInputStream(bundle)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new ConfigException("auth.token.rootcertbundle: no certificates in " + bundle);
            }
            return new TokenTrust(certs);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("auth.token.rootcertbundle: " + bundle + ": " + e.getMessage());
        }
    }

    /** Throws {@link GeneralSecurityException} unless the token is signed by a trusted key. */
    void verify(JsonWebToken token) throws GeneralSecurityException {
        String jca = ALGORITHMS.get(token.algorithm());
        if (jca == null) {
            throw new GeneralSecurityException("unsupported signing algorithm \"" + token.algorithm() + "\"");
        }
        Signature sig = Signature.getInstance(jca);
        sig.initVerify(signingKey(token.header()));
        sig.update(token.signingInput());
        if (!sig.verify(token.signature())) {
            throw new GeneralSecurityException("token signature does not verify");
        }
    }

    private PublicKey signingKey(JsonNode header) throws GeneralSecurityException {
        JsonNode x5c = header.path("x5c");
        if (x5c.isArray() && !x5c.isEmpty()) {
            return chainLeaf(x5c);
        }
        String kid = header.path("kid").asText("");
        PublicKey key = byKeyId.get(kid);
        if (key == null) {
            throw new GeneralSecurityException("token signed by an unknown key \"" + kid + "\"");
        }
        return key;
    }

    /** The x5c leaf's key, once the chain is verified up to a bundle certificate (or the leaf is one itself). */
    private PublicKey chainLeaf(JsonNode x5c) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (JsonNode der : x5c) {
            chain.add((X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(der.asText()))));
        }
        X509Certificate leaf = chain.getFirst();
        if (roots.contains(leaf)) {
            leaf.checkValidity();
            return leaf.getPublicKey();
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        roots.forEach(r -> anchors.add(new TrustAnchor(r, null)));
        PKIXParameters params = new PKIXParameters(anchors);
        params.setRevocationEnabled(false);
        List<X509Certificate> path = chain.stream().filter(c -> !roots.contains(c)).toList();
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), params);
        return leaf.getPublicKey();
    }

    /**
     * libtrust's key ID: the first 240 bits of SHA-256 over the DER public key, base32 without padding, in groups of
     * four joined by colons ({@code ABCD:EFGH:…}, 12 groups).
     */
    static String keyId(PublicKey key) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String b32 = base32(java.util.Arrays.copyOf(hash, 30));
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < b32.length(); i += 4) {
            if (i > 0) {
                id.append(':');
            }
            id.append(b32, i, Math.min(b32.length(), i + 4));
        }
        return id.toString();
    }

    /** RFC 4648 base32; 30 bytes encode to exactly 48 characters, so no padding arises. */
    private static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
