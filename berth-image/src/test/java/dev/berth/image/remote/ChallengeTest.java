package dev.berth.image.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void parses_bearer_realm_service_and_scope() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull,push\"");
        assertTrue(c.isBearer());
        assertEquals(Optional.of("https://auth.docker.io/token"), c.param("realm"));
        assertEquals(Optional.of("registry.docker.io"), c.param("service"));
        assertEquals(Optional.of("repository:library/busybox:pull,push"), c.param("scope"));
    }

    @Test
    void parses_basic_with_unquoted_values_when_spaced() {
        Challenge c = Challenge.parse("Basic realm=basic-realm, charset=\"UTF-8\"");
        assertTrue(c.isBasic());
        assertEquals(Optional.of("basic-realm"), c.param("realm"));
        assertEquals(Optional.of("UTF-8"), c.param("charset"));
    }

    @Test
    void rejects_an_empty_header() {
        assertThrows(IllegalArgumentException.class, () -> Challenge.parse("  "));
    }
}
