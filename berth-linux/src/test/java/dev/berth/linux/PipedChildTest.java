package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Real children of /bin/sh: their streams, their input, their exit statuses and what they inherit. */
class PipedChildTest {

    /** Reads both streams to their ends; returns "out:<stdout>|err:<stderr>" and the order of chunks. */
    private static String drain(PipedChild child, List<Integer> order) throws LinuxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] buf = new byte[PipedChild.BUFFER];
        while (child.isOpen(PipedChild.STDOUT) || child.isOpen(PipedChild.STDERR)) {
            int ready = child.await(10_000);
            assertTrue(ready != 0, "nothing became ready within 10 s");
            for (int stream : new int[] {PipedChild.STDOUT, PipedChild.STDERR}) {
                if ((ready & stream) != 0) {
                    int n = child.read(stream, buf);
                    if (n > 0) {
                        (stream == PipedChild.STDOUT ? out : err).write(buf, 0, n);
                        order.add(stream);
                    }
                }
            }
        }
        return "out:" + out.toString(StandardCharsets.UTF_8) + "|err:" + err.toString(StandardCharsets.UTF_8);
    }

    private static int awaitExit(PipedChild child) throws LinuxException {
        for (int i = 0; i < 1000; i++) {
            OptionalInt status = child.exitStatus();
            if (status.isPresent()) {
                return status.getAsInt();
            }
            child.await(10);
        }
        throw new AssertionError("the child did not exit within 10 s");
    }

    @Test
    void keeps_stdout_and_stderr_apart_and_reports_the_exit_code() throws Exception {
        try (PipedChild child = PipedChild.spawn(List.of("/bin/sh", "-c", "echo out; sleep 0.05; echo err >&2; exit 3"), false)) {
            List<Integer> order = new ArrayList<>();
            assertEquals("out:out\n|err:err\n", drain(child, order));
            assertEquals(List.of(PipedChild.STDOUT, PipedChild.STDERR), order);
            assertEquals(3, awaitExit(child));
        }
    }

    @Test
    void a_child_ended_by_a_signal_reports_128_plus_the_signal() throws Exception {
        try (PipedChild child = PipedChild.spawn(List.of("/bin/sh", "-c", "kill -KILL $$"), false)) {
            drain(child, new ArrayList<>());
            assertEquals(137, awaitExit(child));
            assertTrue((child.await(0) & PipedChild.EXITED) == 0, "an exit already seen is not reported again");
        }
    }

    @Test
    void stdin_reaches_the_child_and_closing_it_is_its_end_of_input() throws Exception {
        try (PipedChild child = PipedChild.spawn(List.of("/bin/sh", "-c", "cat; echo done"), true)) {
            try (OutputStream in = child.stdin()) {
                in.write("hello\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("out:hello\ndone\n|err:", drain(child, new ArrayList<>()));
            assertEquals(0, awaitExit(child));
            assertThrows(java.io.IOException.class, child::stdin);
        }
    }

    @Test
    void without_a_stdin_pipe_the_child_reads_dev_null() throws Exception {
        try (PipedChild child = PipedChild.spawn(List.of("/bin/sh", "-c", "wc -c; readlink /proc/self/fd/0"), false)) {
            assertEquals("out:0\n/dev/null\n|err:", drain(child, new ArrayList<>()).replace(" ", ""));
        }
    }

    @Test
    void the_child_inherits_no_descriptor_beyond_its_three_pipes_and_no_blocked_or_ignored_signal() throws Exception {
        try (PipedChild child = PipedChild.spawn(List.of("/bin/sh", "-c",
                // the signals of grep itself: the shell blocks all of its own while it starts a command
                "ls /proc/$$/fd; grep -E '^Sig(Blk|Ign)' /proc/self/status"), false)) {
            String[] lines = drain(child, new ArrayList<>()).split("\n");
            assertEquals(List.of("out:0", "1", "2"), List.of(lines).subList(0, 3));
            assertEquals("SigBlk:\t0000000000000000", lines[3]);
            // signals 1-31; glibc leaves its internal ones (32, 33) as they were
            long ignored = Long.parseUnsignedLong(lines[4].substring("SigIgn:\t".length()), 16);
            assertEquals(0, ignored & 0x7fffffffL, lines[4]);
        }
    }

    @Test
    void a_missing_program_fails_at_spawn_with_its_errno() {
        LinuxException e = assertThrows(LinuxException.class,
                () -> PipedChild.spawn(List.of("/nonexistent/program"), false));
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void a_closed_stream_reads_as_its_end() throws Exception {
        try (PipedChild child = PipedChild.spawn(List.of("/bin/true"), false)) {
            drain(child, new ArrayList<>());
            assertFalse(child.isOpen(PipedChild.STDOUT));
            assertEquals(-1, child.read(PipedChild.STDOUT, new byte[16]));
            assertEquals(0, awaitExit(child));
        }
    }
}
