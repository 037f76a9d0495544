package dev.berth.daemon.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsDirectoryTest {
    @TempDir
    Path certsD;

    @Test
    void revision_changes_when_a_registrys_files_are_added_changed_or_removed() throws IOException {
        CertsDirectory certs = new CertsDirectory(certsD);
        assertEquals("", certs.revision("10.0.0.2:5000"));

        Path dir = Files.createDirectories(certsD.resolve("10.0.0.2:5000"));
        String empty = certs.revision("10.0.0.2:5000");
        Path ca = Files.writeString(dir.resolve("ca.crt"), "one");
        String added = certs.revision("10.0.0.2:5000");
        assertNotEquals(empty, added);
        assertEquals(added, certs.revision("10.0.0.2:5000"));

        Files.writeString(ca, "two");
        Files.setLastModifiedTime(ca, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        String changed = certs.revision("10.0.0.2:5000");
        assertNotEquals(added, changed);

        Files.delete(ca);
        assertEquals(empty, certs.revision("10.0.0.2:5000"));
        assertEquals("", certs.revision("10.0.0.3:5000"), "another registry's directory is not looked at");
    }
}
