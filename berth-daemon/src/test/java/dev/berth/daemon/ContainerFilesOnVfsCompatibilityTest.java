package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same cp, export, diff and commit checks on the vfs storage driver, where a container's
 * snapshot is a full tree: diff compares it with the image's and commit writes each change.
 */
@Tag("integration")
class ContainerFilesOnVfsCompatibilityTest extends ContainerFilesCompatibilityTest {
    @Test
    void the_daemon_under_test_is_on_vfs() {
        assertEquals("vfs", docker.run("info", "-f", "{{.Driver}}").check().stdout().strip());
    }
}
