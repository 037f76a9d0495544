package dev.berth.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "busybox, docker.io/library/busybox, busybox",
            "busybox:1.36, docker.io/library/busybox:1.36, busybox:1.36",
            "library/busybox, docker.io/library/busybox, busybox",
            "docker.io/library/busybox:latest, docker.io/library/busybox:latest, busybox:latest",
            "index.docker.io/foo/bar, docker.io/foo/bar, foo/bar",
            "user/repo:v1, docker.io/user/repo:v1, user/repo:v1",
            "127.0.0.1:5551/trace-busybox, 127.0.0.1:5551/trace-busybox, 127.0.0.1:5551/trace-busybox",
            "localhost/a/b:c, localhost/a/b:c, localhost/a/b:c",
            "registry.example:5000/a__b/c-d.e:t_1, registry.example:5000/a__b/c-d.e:t_1, registry.example:5000/a__b/c-d.e:t_1",
    })
    void normalises_names_like_docker(String input, String full, String familiar) {
        Reference r = Reference.parse(input);
        assertEquals(full, r.toString());
        assertEquals(familiar, r.familiar());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":tag", "a:", "a/", "/a", "a//b", "a:b:c", "-a", "a-", "a@sha256:abc", "a:" + "t123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"})
    void refuses_malformed_references(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reference.parse(input));
        assertEquals("invalid reference format", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void refuses_uppercase_with_dockers_message() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reference.parse("Foo"));
        assertEquals("invalid reference format: repository name (library/Foo) must be lowercase", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void refuses_bare_64_hex_names() {
        String hex = "a".repeat(64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reference.parse(hex));
        assertEquals("invalid repository name (" + hex + "), cannot specify 64-byte hexadecimal strings", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void keeps_digest_and_adds_default_tag_only_without_one() {
        String d = "sha256:" + "b".repeat(64);
        Reference r = Reference.parse("busybox@" + d);
        assertEquals("busybox@" + d, r.withDefaultTag().familiar());
        assertEquals("busybox:latest", Reference.parse("busybox").withDefaultTag().familiar());
    }
}
