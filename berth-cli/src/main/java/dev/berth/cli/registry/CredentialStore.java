package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Session;
import dev.berth.oci.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials in docker's config.json format ({@code {"auths":{"host:port":{"auth":"base64(user:pass)"}}}})
 * at {@code ~/.berth/config.json} ({@code $BERTH_CONFIG/config.json} when set). Other keys in the
 * file are kept as they are. Docker Hub is stored under {@code https://index.docker.io/v1/}.
 *
 * <pre>{@code
 * CredentialStore store = CredentialStore.of(session);
 * store.save("127.0.0.1:5000", "user", "pass");
 * store.registryAuthHeader(Reference.parse("127.0.0.1:5000/app"));   // base64url JSON for X-Registry-Auth
 * }</pre>
 */
public final class CredentialStore {
    public static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    CredentialStore(Path file) {
        this.file = file;
    }

    public static CredentialStore of(Session session) {
        Map<String, String> env = session.env();
        String dir = env.get("BERTH_CONFIG");
        Path base = dir != null && !dir.isEmpty() ? Path.of(dir)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))).resolve(".berth");
        return new CredentialStore(base.resolve("config.json"));
    }

    /** The key a server is stored under: Docker Hub's historic URL, otherwise {@code host[:port]}. */
    public static String serverKey(String server) {
        String s = server.replaceFirst("^https?://", "");
        int slash = s.indexOf('/');
        s = slash < 0 ? s : s.substring(0, slash);
        return s.equals("docker.io") || s.equals("index.docker.io") || s.equals("registry-1.docker.io")
                ? DOCKER_HUB_SERVER : s;
    }

    static String serverKey(Reference ref) {
        return serverKey(ref.domain());
    }

    public record Login(String username, String password) {
    }

    public Optional<Login> get(String server) throws IOException {
        JsonNode entry = read().path("auths").path(serverKey(server));
        String auth = entry.path("auth").asText("");
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        String pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new Login(pair.substring(0, colon), pair.substring(colon + 1)));
    }

    public void save(String server, String username, String password) throws IOException {
        ObjectNode root = read();
        ObjectNode auths = root.has("auths") && root.get("auths").isObject() ? (ObjectNode) root.get("auths") : root.putObject("auths");
        auths.putObject(serverKey(server)).put("auth", Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        write(root);
    }

    /** Forgets a server; false when nothing was stored for it. */
    public boolean remove(String server) throws IOException {
        ObjectNode root = read();
        JsonNode auths = root.path("auths");
        if (!auths.isObject() || !auths.has(serverKey(server))) {
            return false;
        }
        ((ObjectNode) auths).remove(serverKey(server));
        write(root);
        return true;
    }

    /** The {@code X-Registry-Auth} value for a reference's registry: {@code e30=} ({@code {}}) when not logged in. */
    public String registryAuthHeader(Reference ref) throws IOException {
        Map<String, String> auth = new LinkedHashMap<>();
        Optional<Login> login = get(ref.domain());
        if (login.isPresent()) {
            auth.put("username", login.get().username());
            auth.put("password", login.get().password());
            auth.put("serveraddress", serverKey(ref));
        }
        return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(auth));
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        JsonNode tree = JSON.readTree(Files.readAllBytes(file));
        return tree instanceof ObjectNode o ? o : JSON.createObjectNode();
    }

    private void write(ObjectNode root) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
