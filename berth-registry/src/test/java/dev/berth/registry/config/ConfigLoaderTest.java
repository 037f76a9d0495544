package dev.berth.registry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    /** distribution's cmd/registry/config-example.yml, plus a few sections. */
    private static final String EXAMPLE = """
            version: 0.1
            log:
              level: debug
              formatter: json
              fields:
                service: registry
            storage:
              cache:
                blobdescriptor: inmemory
              filesystem:
                rootdirectory: /var/lib/registry
              delete:
                enabled: true
              maintenance:
                uploadpurging:
                  enabled: true
                  age: 168h
                  interval: 24h
                  dryrun: false
                readonly:
                  enabled: false
            http:
              addr: :5000
              headers:
                X-Content-Type-Options: [nosniff]
              debug:
                addr: 127.0.0.1:5001
                prometheus:
                  enabled: true
                  path: /metrics
            health:
              storagedriver:
                enabled: true
                interval: 10s
                threshold: 3
            notifications:
              endpoints:
                - name: alistener
                  url: https://mylistener.example.com/event
                  headers:
                    Authorization: [Bearer abc]
                  timeout: 500ms
                  threshold: 5
                  backoff: 1s
            """;

    @Test
    void parse_reads_distributions_example_config() {
        RegistryConfig c = ConfigLoader.parse(EXAMPLE, Map.of());
        assertEquals("debug", c.log().level());
        assertEquals("json", c.log().formatter());
        assertEquals(Map.of("service", "registry"), c.log().fields());
        assertEquals(new RegistryConfig.Driver.Filesystem(Path.of("/var/lib/registry")), c.storage().driver());
        assertTrue(c.storage().deleteEnabled());
        assertTrue(c.storage().blobDescriptorCache());
        assertEquals(Duration.ofHours(168), c.storage().uploadPurging().age());
        assertEquals(":5000", c.http().addr());
        assertEquals(List.of("nosniff"), c.http().headers().get("X-Content-Type-Options"));
        assertEquals("127.0.0.1:5001", c.http().debug().orElseThrow().addr());
        assertTrue(c.http().debug().orElseThrow().prometheus());
        assertEquals(3, c.health().storageDriver().threshold());
        assertEquals(Duration.ofMillis(500), c.notifications().getFirst().timeout());
        assertEquals(List.of("Bearer abc"), c.notifications().getFirst().headers().get("Authorization"));
    }

    @Test
    void environment_variables_override_the_file() {
        RegistryConfig c = ConfigLoader.parse(EXAMPLE, Map.of(
                "REGISTRY_HTTP_ADDR", "127.0.0.1:6000",
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", "/srv/registry",
                "REGISTRY_STORAGE_DELETE_ENABLED", "false",
                "REGISTRY_LOG_LEVEL", "warn",
                "PATH", "/usr/bin"));
        assertEquals("127.0.0.1:6000", c.http().addr());
        assertEquals(new RegistryConfig.Driver.Filesystem(Path.of("/srv/registry")), c.storage().driver());
        assertFalse(c.storage().deleteEnabled());
        assertEquals("warn", c.log().level());
    }

    @Test
    void environment_can_switch_the_storage_driver() {
        RegistryConfig c = ConfigLoader.parse(EXAMPLE, Map.of("REGISTRY_STORAGE", "inmemory"));
        assertInstanceOf(RegistryConfig.Driver.InMemory.class, c.storage().driver());
        assertTrue(c.storage().deleteEnabled());
    }

    @Test
    void environment_can_add_sections_the_file_lacks() {
        RegistryConfig c = ConfigLoader.parse("version: 0.1\nstorage:\n  inmemory: {}\n",
                Map.of("REGISTRY_AUTH_HTPASSWD_REALM", "r", "REGISTRY_AUTH_HTPASSWD_PATH", "/etc/htpasswd"));
        assertEquals(new RegistryConfig.Auth.Htpasswd("r", Path.of("/etc/htpasswd")), c.auth().orElseThrow());
    }

    @Test
    void unknown_key_fails_naming_it() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.1\nstorage:\n  filesystem:\n    rootdir: /x\n", Map.of()));
        assertEquals("unknown key storage.filesystem.rootdir", e.getMessage());
        ConfigException top = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.1\nstorage:\n  inmemory:\nhttpp:\n  addr: :1\n", Map.of()));
        assertEquals("unknown key httpp", top.getMessage());
    }

    @Test
    void unknown_key_from_the_environment_fails_naming_it() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.1\nstorage:\n  inmemory:\n", Map.of("REGISTRY_HTTP_ADRESS", ":1")));
        assertEquals("unknown key http.adress", e.getMessage());
    }

    @Test
    void bad_values_fail_naming_key_and_value() {
        assertEquals("bad value for storage.delete.enabled: \"maybe\" (expected true or false)",
                assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                        "version: 0.1\nstorage:\n  inmemory:\n  delete:\n    enabled: maybe\n", Map.of()))
                        .getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.1\nstorage:\n  inmemory:\nhttp:\n  draintimeout: soon\n", Map.of()))
                .getMessage().startsWith("bad value for http.draintimeout: \"soon\""));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.1\nstorage:\n  inmemory:\nhttp:\n  addr: nowhere\n", Map.of()))
                .getMessage().startsWith("bad value for http.addr"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.1\nstorage:\n  inmemory:\nlog:\n  level: loud\n", Map.of()))
                .getMessage().startsWith("bad value for log.level"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.2\nstorage:\n  inmemory:\n", Map.of())).getMessage().startsWith("bad value for version"));
    }

    @Test
    void storage_needs_exactly_one_supported_driver() {
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.1\nstorage:\n  inmemory:\n  filesystem:\n    rootdirectory: /x\n", Map.of()))
                .getMessage().startsWith("storage must configure exactly one driver"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "version: 0.1\nstorage:\n  s3:\n    bucket: b\n", Map.of()))
                .getMessage().startsWith("unsupported storage driver storage.s3"));
    }

    @Test
    void defaults_match_distribution() {
        RegistryConfig c = ConfigLoader.parse("version: 0.1\nstorage:\n  inmemory:\n", Map.of());
        assertEquals(":5000", c.http().addr());
        assertEquals("info", c.log().level());
        assertFalse(c.storage().deleteEnabled());
        assertTrue(c.storage().uploadPurging().enabled());
        assertEquals(Duration.ofHours(24), c.storage().uploadPurging().interval());
        assertEquals(1000, c.catalogMaxEntries());
        assertTrue(c.auth().isEmpty());
    }
}
