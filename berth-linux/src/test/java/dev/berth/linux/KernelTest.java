package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class KernelTest {
    @Test
    void reports_the_release_proc_shows() throws Exception {
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), Kernel.uname().release());
        assertEquals("Linux", Kernel.uname().sysname());
    }

    @Test
    void reports_the_uid_proc_shows() throws Exception {
        String uidLine = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        assertEquals(Integer.parseInt(uidLine.split("\\s+")[1]), Kernel.getuid());
    }

    @Test
    void sees_that_ext4_or_tmpfs_directories_report_entry_types() throws Exception {
        Path dir = Files.createTempDirectory("dtype");
        try {
            Files.createFile(dir.resolve("f"));
            assertEquals(true, Filesystems.reportsEntryTypes(dir));
        } finally {
            Files.delete(dir.resolve("f"));
            Files.delete(dir);
        }
    }
}
