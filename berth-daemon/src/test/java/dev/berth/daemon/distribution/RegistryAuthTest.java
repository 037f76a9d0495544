package dev.berth.daemon.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.http.ApiException;
import dev.berth.image.remote.Credentials;
import dev.berth.oci.Reference;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {
    @Test
    void decodes_the_header_docker_sends_once_logged_in() {
        RegistryAuth a = RegistryAuth.fromHeader(Optional.of(
                "eyJ1c2VybmFtZSI6InRyYWNldXNlciIsInBhc3N3b3JkIjoidHJhY2VwYXNzIiwic2VydmVyYWRkcmVzcyI6IjEyNy4wLjAuMTo1NTUyIn0="));
        assertEquals(Credentials.of("traceuser", "tracepass"), a.credentials());
        assertEquals("127.0.0.1:5552", a.serverAddress());
    }

    @Test
    void treats_e30_and_a_missing_header_as_anonymous() {
        assertTrue(RegistryAuth.fromHeader(Optional.of("e30=")).credentials().isAnonymous());
        assertTrue(RegistryAuth.fromHeader(Optional.empty()).credentials().isAnonymous());
    }

    @Test
    void takes_user_and_password_from_the_auth_field() {
        RegistryAuth a = new RegistryAuth(null, null, "YWxpY2U6czNjcmV0", "x", null);
        assertEquals(Credentials.of("alice", "s3cret"), a.credentials());
    }

    @Test
    void rejects_a_header_that_is_not_base64() {
        assertEquals(400, assertThrows(ApiException.class, () -> RegistryAuth.fromHeader(Optional.of("%%%"))).status());
    }

    @Test
    void pulls_the_tag_or_digest_given_and_all_tags_when_none() {
        assertEquals(Reference.parse("busybox:1.36"), Distribution.pullTarget("busybox", "1.36"));
        assertEquals(Reference.parse("busybox"), Distribution.pullTarget("busybox", ""));
        assertEquals(Reference.parse("busybox@sha256:" + "a".repeat(64)),
                Distribution.pullTarget("busybox", "sha256:" + "a".repeat(64)));
    }

    @Test
    void renders_the_progress_bar_as_dockerd() {
        assertEquals("[>                                                  ]  19.97kB/1.985MB",
                ProgressBar.render(19968, 1985472));
        assertEquals("[==================================================>]   2.13MB", ProgressBar.render(2129920, 1985472));
    }
}
