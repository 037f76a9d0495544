package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class CommandTest {
    @TempDir
    Path tmp;

    @Test
    void captures_exit_code_stdout_and_stderr() throws Exception {
        CommandResult r = Command.of("sh", "-c", "echo out; echo err >&2; exit 3").run();
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }

    @Test
    void puts_command_line_exit_code_and_trimmed_stderr_in_the_error() throws Exception {
        CommandResult r = Command.of("sh", "-c", "echo '  bad thing  ' >&2; exit 2").run();
        CommandException e = assertThrows(CommandException.class, r::check);
        assertTrue(e.getMessage().contains("sh -c 'echo '\\''  bad thing  '\\'' >&2; exit 2'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("exited with code 2: bad thing"), e.getMessage());
    }

    @Test
    void feeds_stdin_and_uses_cwd_and_env() throws Exception {
        Files.writeString(tmp.resolve("marker"), "");
        CommandResult r = Command.of("sh", "-c", "cat; ls; echo $GREETING")
                .stdin("piped\n".getBytes(StandardCharsets.UTF_8))
                .cwd(tmp)
                .env("GREETING", "hi")
                .run()
                .check();
        assertEquals("piped\nmarker\nhi\n", r.stdout());
    }

    @Test
    void kills_the_process_tree_when_the_timeout_passes() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        Command slow = Command.of("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait")
                .timeout(Duration.ofMillis(500));
        long start = System.nanoTime();
        CommandException e = assertThrows(CommandException.class, slow::run);
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        long child = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(child).ifPresent(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join());
        assertTrue(ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true), "the sleeping grandchild was left running");
    }

    @Test
    void reports_a_program_that_cannot_start() {
        CommandException e = assertThrows(CommandException.class, () -> Command.of("/no/such/program").run());
        assertTrue(e.getMessage().contains("could not start"), e.getMessage());
    }
}
