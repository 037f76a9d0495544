package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * This test JVM as a subreaper: orphans of its children become its children, the sweeper reaps the
 * zombies nobody claimed, and a claimed one is followed and reaped by its claimant.
 */
class ChildReaperTest {
    private static final long SELF = ProcessHandle.current().pid();

    @BeforeAll
    static void becomeSubreaper() {
        assertTrue(ChildReaper.becomeSubreaper());
    }

    /** Spawns a shell that leaves {@code sleep SECONDS} behind and exits; returns the shell (exited) and the orphan's pid. */
    private static int leaveOrphan(PipedChild shell) throws LinuxException {
        byte[] buf = new byte[64];
        StringBuilder out = new StringBuilder();
        while (shell.isOpen(PipedChild.STDOUT)) {
            shell.await(10_000);
            int n = shell.read(PipedChild.STDOUT, buf);
            if (n > 0) {
                out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }
        for (int i = 0; i < 1000 && shell.exitStatus().isEmpty(); i++) {
            shell.await(10);
        }
        assertEquals(OptionalInt.of(0), shell.exitStatus());
        return Integer.parseInt(out.toString().strip());
    }

    private static String stat(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2);
    }

    @Test
    void adopts_orphans_and_reaps_the_unclaimed_while_the_claimant_reaps_its_own() throws Exception {
        // stdout of the backgrounded sleeps goes to /dev/null so that the shells' pipes end with the shells
        String script = "sleep 0.2 >/dev/null 2>&1 & echo $!";
        try (PipedChild unclaimedShell = PipedChild.spawn(List.of("/bin/sh", "-c", script), false);
             PipedChild claimedShell = PipedChild.spawn(List.of("/bin/sh", "-c", script), false)) {
            int unclaimed = leaveOrphan(unclaimedShell);
            int claimed = leaveOrphan(claimedShell);
            ChildReaper.claim(claimed);
            try {
                assertEquals(Long.toString(SELF), stat(unclaimed).split(" ")[1], "the orphan's parent is this process");

                Path unclaimedProc = Path.of("/proc", Integer.toString(unclaimed));
                for (int i = 0; i < 300 && Files.exists(unclaimedProc); i++) {
                    Thread.sleep(100);
                }
                assertTrue(Files.notExists(unclaimedProc), "the sweeper reaped the unclaimed zombie within 30 s");
                assertTrue(stat(claimed).startsWith("Z "), "a claimed zombie is left to its claimant");

                claimedShell.follow(claimed);
                assertEquals(PipedChild.EXITED, claimedShell.await(1000) & PipedChild.EXITED);
                assertEquals(OptionalInt.of(0), claimedShell.exitStatus());
                assertTrue(Files.notExists(Path.of("/proc", Integer.toString(claimed))));
            } finally {
                ChildReaper.release(claimed);
            }
        }
    }

    @Test
    void reaps_an_exited_orphan_at_once_when_asked() throws Exception {
        try (PipedChild shell = PipedChild.spawn(List.of("/bin/sh", "-c", "sleep 0.1 >/dev/null 2>&1 & echo $!"), false)) {
            int orphan = leaveOrphan(shell);
            for (int i = 0; i < 100 && !stat(orphan).startsWith("Z "); i++) {
                Thread.sleep(20);
            }
            assertTrue(stat(orphan).startsWith("Z "), "the orphan exited and waits for its new parent");
            ChildReaper.reapIfExited(orphan);
            assertTrue(Files.notExists(Path.of("/proc", Integer.toString(orphan))));
        }
    }
}
