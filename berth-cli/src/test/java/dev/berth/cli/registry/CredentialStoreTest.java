package dev.berth.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    @TempDir
    Path dir;

    @Test
    void stores_credentials_in_dockers_config_json_format_and_keeps_other_keys() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"psFormat\":\"{{.ID}}\"}");
        CredentialStore store = new CredentialStore(file);
        store.save("127.0.0.1:5000", "alice", "s3cret");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(Base64.getEncoder().encodeToString("alice:s3cret".getBytes()),
                json.path("auths").path("127.0.0.1:5000").path("auth").asText());
        assertEquals("{{.ID}}", json.path("psFormat").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of(new CredentialStore.Login("alice", "s3cret")), store.get("127.0.0.1:5000"));
    }

    @Test
    void sends_e30_when_not_logged_in_and_base64url_json_when_logged_in() throws IOException {
        CredentialStore store = new CredentialStore(dir.resolve("config.json"));
        assertEquals("e30=", store.registryAuthHeader(Reference.parse("127.0.0.1:5552/app")));
        store.save("127.0.0.1:5552", "traceuser", "tracepass");
        assertEquals("eyJ1c2VybmFtZSI6InRyYWNldXNlciIsInBhc3N3b3JkIjoidHJhY2VwYXNzIiwic2VydmVyYWRkcmVzcyI6IjEyNy4wLjAuMTo1NTUyIn0=",
                store.registryAuthHeader(Reference.parse("127.0.0.1:5552/app")));
    }

    @Test
    void files_docker_hub_under_its_index_url_and_forgets_on_remove() throws IOException {
        CredentialStore store = new CredentialStore(dir.resolve("config.json"));
        store.save("docker.io", "bob", "pw");
        assertTrue(Files.readString(dir.resolve("config.json"), StandardCharsets.UTF_8).contains("https://index.docker.io/v1/"));
        assertTrue(store.get("https://index.docker.io/v1/").isPresent());
        assertTrue(store.remove("index.docker.io"));
        assertFalse(store.remove("index.docker.io"));
        assertEquals(Optional.empty(), store.get("docker.io"));
    }
}
