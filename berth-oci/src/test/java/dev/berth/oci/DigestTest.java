package dev.berth.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void hashes_known_vector() {
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    }

    @Test
    void refuses_uppercase_short_and_unknown_algorithms() {
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:" + "A".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:abc"));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("md5:" + "a".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("nocolon"));
    }

    @Test
    void chain_id_follows_the_oci_definition() {
        Digest a = Digest.sha256(new byte[] {1});
        Digest b = Digest.sha256(new byte[] {2});
        ChainId chain = ChainId.of(List.of(a, b));
        assertEquals(Digest.sha256((a + " " + b).getBytes(StandardCharsets.UTF_8)), chain.digest());
        assertEquals(a, ChainId.of(List.of(a)).digest());
        assertEquals(List.of(new ChainId(a), chain), ChainId.all(List.of(a, b)));
    }
}
