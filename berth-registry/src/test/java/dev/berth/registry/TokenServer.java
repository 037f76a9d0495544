package dev.berth.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.oci.OciJson;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A tiny Docker token server for tests: a key pair and self-signed certificate made with the JDK's keytool, and an
 * HTTP endpoint at {@code /token} answering {@code ?service=&scope=} with a signed JWT. User {@code alice} (password
 * {@code secret}) gets every action she asks for; anyone else only {@code pull}.
 */
public final class TokenServer implements AutoCloseable {

    public static final String ISSUER = "test-token-issuer";
    public static final String SERVICE = "test-registry";

    private final PrivateKey key;
    private final X509Certificate cert;
    private final String algorithm;
    private final Path certFile;
    private final HttpServer http;

    private TokenServer(PrivateKey key, X509Certificate cert, String algorithm, Path certFile) throws IOException {
        this.key = key;
        this.cert = cert;
        this.algorithm = algorithm;
        this.certFile = certFile;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        http.createContext("/token", this::issue);
        http.start();
    }

    /** @param keyType "EC" (tokens signed ES256) or "RSA" (RS256) */
    public static TokenServer start(Path dir, String keyType) throws Exception {
        Path store = dir.resolve("token-" + keyType + ".p12");
        Path certFile = dir.resolve("token-" + keyType + ".crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> gen = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "token", "-keyalg", keyType,
                "-dname", "CN=token", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit"));
        gen.addAll(keyType.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
        run(gen);
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "token", "-keystore", store.toString(),
                "-storepass", "changeit", "-file", certFile.toString()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        return new TokenServer((PrivateKey) ks.getKey("token", "changeit".toCharArray()),
                (X509Certificate) ks.getCertificate("token"), keyType.equals("EC") ? "ES256" : "RS256", certFile);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    public Path certificate() {
        return certFile;
    }

    public String realm() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/token";
    }

    /** The auth section for config.yml, trusting this server's certificate. */
    public String authYaml() {
        return "auth:\n  token:\n    realm: " + realm() + "\n    service: " + SERVICE + "\n    issuer: " + ISSUER
                + "\n    rootcertbundle: " + certFile + "\n";
    }

    /** Standard claims for {@code sub}, valid for five minutes, granting {@code actions} on each repository. */
    public static Map<String, Object> claims(String subject, Map<String, List<String>> repositoryActions) {
        long now = Instant.now().getEpochSecond();
        List<Map<String, Object>> access = new ArrayList<>();
        repositoryActions.forEach((name, actions) -> access.add(Map.of("type", "repository", "name", name,
                "actions", actions)));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("aud", SERVICE);
        claims.put("exp", now + 300);
        claims.put("nbf", now - 5);
        claims.put("iat", now);
        claims.put("jti", Long.toHexString(System.nanoTime()));
        claims.put("access", access);
        return claims;
    }

    /** Signs the claims; with {@code x5c} the certificate travels in the header, else only its libtrust kid. */
    public String sign(Map<String, Object> claims, boolean x5c) throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", algorithm);
        if (x5c) {
            header.put("x5c", List.of(Base64.getEncoder().encodeToString(cert.getEncoded())));
        } else {
            header.put("kid", libtrustKeyId());
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(OciJson.mapper().writeValueAsBytes(header)) + "."
                + b64.encodeToString(OciJson.mapper().writeValueAsBytes(claims));
        Signature s = Signature.getInstance(algorithm.equals("ES256") ? "SHA256withECDSAinP1363Format"
                : "SHA256withRSA");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(s.sign());
    }

    /** Computed here independently of the registry's code: base32(sha256(spki)[:30]) in colon-joined fours. */
    private String libtrustKeyId() throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            bits.append(String.format("%8s", Integer.toBinaryString(hash[i] & 0xff)).replace(' ', '0'));
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < bits.length(); i += 5) {
            if (i > 0 && i % 20 == 0) {
                id.append(':');
            }
            id.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
        }
        return id.toString();
    }

    private void issue(HttpExchange ex) throws IOException {
        try (ex) {
            String user = basicUser(ex);
            Map<String, List<String>> granted = new LinkedHashMap<>();
            for (String param : String.valueOf(ex.getRequestURI().getRawQuery()).split("&")) {
                String[] kv = param.split("=", 2);
                if (kv.length == 2 && kv[0].equals("scope")) {
                    String[] scope = URLDecoder.decode(kv[1], StandardCharsets.UTF_8).split(":");
                    if (scope.length == 3 && scope[0].equals("repository")) {
                        List<String> asked = List.of(scope[2].split(","));
                        granted.put(scope[1], user.equals("alice") ? asked
                                : asked.stream().filter("pull"::equals).toList());
                    }
                }
            }
            String token = sign(claims(user, granted), true);
            byte[] body = OciJson.mapper().writeValueAsBytes(Map.of("token", token, "access_token", token,
                    "expires_in", 300, "issued_at", Instant.now().toString()));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        } catch (Exception e) {
            ex.sendResponseHeaders(500, -1);
        }
    }

    /** "alice" with the right password, "" when anonymous; a wrong password is anonymous too. */
    private static String basicUser(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            return "";
        }
        String pair = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
        return pair.equals("alice:secret") ? "alice" : "";
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
