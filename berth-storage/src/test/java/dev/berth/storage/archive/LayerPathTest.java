package dev.berth.storage.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerPathTest {
    @Test
    void drops_dot_components_and_trailing_slashes() throws Exception {
        assertEquals(List.of("usr", "bin", "env"), LayerPath.parse("./usr//bin/./env/").components());
    }

    @Test
    void treats_dot_slash_as_the_root() throws Exception {
        assertTrue(LayerPath.parse("./").isRoot());
    }

    @Test
    void resolves_dot_dot_that_stays_inside() throws Exception {
        assertEquals("etc/passwd", LayerPath.parse("usr/../etc/passwd").relative());
    }

    @Test
    void rejects_an_absolute_name() {
        LayerEscapeException e = assertThrows(LayerEscapeException.class, () -> LayerPath.parse("/etc/passwd"));
        assertTrue(e.getMessage().contains("\"/etc/passwd\""), e.getMessage());
    }

    @Test
    void rejects_dot_dot_that_climbs_out() {
        LayerEscapeException e = assertThrows(LayerEscapeException.class, () -> LayerPath.parse("a/../../etc/passwd"));
        assertTrue(e.getMessage().contains("a/../../etc/passwd"), e.getMessage());
    }
}
