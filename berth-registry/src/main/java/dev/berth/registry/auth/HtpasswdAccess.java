package dev.berth.registry.auth;

import dev.berth.http.HttpRequest;
import dev.berth.registry.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mindrot.jbcrypt.BCrypt;

/**
 * {@code auth.htpasswd}: HTTP Basic credentials checked against an Apache htpasswd file of bcrypt hashes (the only
 * kind distribution accepts; {@code htpasswd -B}). The file is re-read when its modification time changes, so users
 * can be added without a restart. A verified user/password pair is remembered, since bcrypt costs ~50 ms a check.
 */
final class HtpasswdAccess implements AccessController {

    private final String realm;
    private final Path path;
    private volatile Map<String, String> hashes;
    private volatile FileTime loadedAt;
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    HtpasswdAccess(String realm, Path path) throws IOException {
        this.realm = realm;
        this.path = path;
        if (!Files.isReadable(path)) {
            throw new ConfigException("auth.htpasswd.path: cannot read " + path);
        }
        reloadIfChanged();
    }

    @Override
    public Optional<String> authorize(HttpRequest request, List<Scope> scopes) {
        Optional<String[]> credentials = request.header("Authorization").flatMap(HtpasswdAccess::basic);
        if (credentials.isEmpty()) {
            throw Challenge.basic(realm);
        }
        String user = credentials.get()[0];
        String password = credentials.get()[1];
        try {
            reloadIfChanged();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String hash = hashes.get(user);
        if (hash == null || !matches(user, password, hash)) {
            throw Challenge.basic(realm);
        }
        return Optional.of(user);
    }

    private boolean matches(String user, String password, String hash) {
        String key = user + "\0" + hash;
        if (password.equals(verified.get(key))) {
            return true;
        }
        boolean ok;
        try {
            // $2y$ and $2b$ name the same algorithm as $2a$ for all passwords htpasswd produces
            ok = BCrypt.checkpw(password, "$2a$" + hash.substring(4));
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (ok) {
            verified.put(key, password);
        }
        return ok;
    }

    private synchronized void reloadIfChanged() throws IOException {
        FileTime modified = Files.getLastModifiedTime(path);
        if (modified.equals(loadedAt)) {
            return;
        }
        Map<String, String> map = new HashMap<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            String l = line.strip();
            int colon = l.indexOf(':');
            if (l.isEmpty() || l.startsWith("#") || colon <= 0) {
                continue;
            }
            String hash = l.substring(colon + 1);
            if (hash.startsWith("$2")) {
                map.put(l.substring(0, colon), hash);
            }
        }
        hashes = Map.copyOf(map);
        loadedAt = modified;
    }

    private static Optional<String[]> basic(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
