package dev.berth.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityOptionsTest {
    @Test
    void reads_every_kind_of_option() {
        SecurityOptions o = SecurityOptions.parse(List.of("seccomp=unconfined", "no-new-privileges",
                "apparmor=docker-default", "label=disable", "systempaths=unconfined", "writable-cgroups=true"));
        assertTrue(o.seccompUnconfined());
        assertTrue(o.noNewPrivileges());
        assertTrue(o.systemPaths());
        assertTrue(o.writableCgroups());
        assertEquals(Optional.of("docker-default"), o.apparmor());
        assertEquals(List.of("disable"), o.labels());
    }

    @Test
    void accepts_the_legacy_colon_form_and_explicit_false() {
        SecurityOptions o = SecurityOptions.parse(List.of("seccomp:/tmp/p.json", "no-new-privileges=false"));
        assertEquals(Optional.of("/tmp/p.json"), o.seccomp());
        assertFalse(o.noNewPrivileges());
        assertFalse(o.seccompUnconfined());
    }

    @Test
    void rejects_an_unknown_key() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> SecurityOptions.parse(List.of("bogus=1")));
        assertEquals("Invalid --security-opt: \"bogus=1\"", e.getMessage());
    }
}
