package dev.berth.image.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsecureRegistriesTest {
    @Test
    void allows_loopback_without_being_listed() {
        InsecureRegistries none = InsecureRegistries.none();
        assertTrue(none.allowsPlainHttp("127.0.0.1:5000"));
        assertTrue(none.allowsPlainHttp("127.3.4.5"));
        assertTrue(none.allowsPlainHttp("[::1]:5000"));
        assertTrue(none.allowsPlainHttp("localhost:5000"));
    }

    @Test
    void refuses_an_unlisted_address_that_is_not_loopback() {
        assertFalse(InsecureRegistries.none().allowsPlainHttp("10.200.0.2:5000"));
    }

    @Test
    void allows_an_address_in_a_listed_cidr_only() {
        InsecureRegistries insecure = InsecureRegistries.parse(List.of("10.200.0.0/30"));
        assertTrue(insecure.allowsPlainHttp("10.200.0.2:5000"));
        assertFalse(insecure.allowsPlainHttp("10.200.0.4:5000"));
    }

    @Test
    void allows_a_listed_name_with_its_port() {
        InsecureRegistries insecure = InsecureRegistries.parse(List.of("10.200.0.2:5000"));
        assertTrue(insecure.allowsPlainHttp("10.200.0.2:5000"));
        assertFalse(insecure.allowsPlainHttp("10.200.0.2:6000"));
    }

    @Test
    void rejects_a_cidr_with_a_bad_prefix() {
        assertThrows(IllegalArgumentException.class, () -> InsecureRegistries.parse(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> InsecureRegistries.parse(List.of("example.com/8")));
    }

    @Test
    void puts_mirrors_before_docker_hub_and_http_after_https_for_insecure() {
        RemoteOptions o = new RemoteOptions(InsecureRegistries.none(), List.of(URI.create("http://127.0.0.1:5000/")),
                RegistryTls.system(), 3, 5, 5);
        assertEquals(List.of(URI.create("http://127.0.0.1:5000/"), URI.create("https://registry-1.docker.io")),
                o.endpoints("docker.io", true));
        assertEquals(List.of(URI.create("https://registry-1.docker.io")), o.endpoints("docker.io", false));
        assertEquals(List.of(URI.create("https://127.0.0.1:6000"), URI.create("http://127.0.0.1:6000")),
                o.endpoints("127.0.0.1:6000", false));
        assertEquals(List.of(URI.create("https://10.200.0.2:5000")), o.endpoints("10.200.0.2:5000", false));
    }
}
