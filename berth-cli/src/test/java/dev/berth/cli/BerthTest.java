package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.InProcessBerth.Run;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BerthTest {
    private static final String NOWHERE = "unix:///nonexistent/berth-test.sock";

    static Run run(String... args) {
        return InProcessBerth.run(new byte[0], Map.of("BERTH_HOST", NOWHERE), args);
    }

    @Test
    void prints_version_without_contacting_the_daemon() {
        Run run = run("--version");
        assertEquals(0, run.status());
        assertEquals("Berth version 0.1.0, build berth\n", run.out());
    }

    @Test
    void prints_help_without_contacting_the_daemon_when_help_is_asked() {
        Run root = run("--help");
        Run images = run("images", "--help");
        assertEquals(0, root.status());
        assertTrue(root.out().contains("images"), root.out());
        assertEquals(0, images.status());
        assertTrue(images.out().contains("berth images [OPTIONS] [REPOSITORY[:TAG]]"), images.out());
    }

    @Test
    void rejects_unknown_flag_with_docker_message_and_status_125() {
        Run run = run("images", "--bogus");
        assertEquals(125, run.status());
        assertEquals("unknown flag: --bogus\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\n"
                + "Run 'berth images --help' for more information\n", run.err());
    }

    @Test
    void rejects_unknown_shorthand_flag_in_a_group_subcommand() {
        Run run = run("image", "ls", "-z");
        assertEquals(125, run.status());
        assertTrue(run.err().startsWith("unknown shorthand flag: 'z' in -z\n\nUsage:  berth image ls [OPTIONS] [REPOSITORY[:TAG]]"), run.err());
        assertTrue(run.err().contains("Run 'berth image ls --help'"), run.err());
    }

    @Test
    void rejects_unknown_command_with_status_1() {
        Run run = run("foo");
        assertEquals(1, run.status());
        assertEquals("berth: unknown command: berth foo\n\nRun 'berth --help' for more information\n", run.err());
    }

    @Test
    void rejects_wrong_argument_count_before_connecting() {
        Run tag = run("tag", "x");
        Run images = run("images", "a", "b");
        assertEquals(1, tag.status());
        assertTrue(tag.err().startsWith("berth: 'berth tag' requires 2 arguments\n\nUsage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]"), tag.err());
        assertTrue(images.err().startsWith("berth: 'berth images' requires at most 1 argument"), images.err());
    }

    @Test
    void reports_missing_daemon_like_docker() {
        Run run = run("images");
        assertEquals(1, run.status());
        assertEquals("Cannot connect to the Berth daemon at " + NOWHERE + ". Is the berth daemon running?\n", run.err());
    }

    @Test
    void takes_host_flag_over_environment() {
        Run run = run("-H", "unix:///nonexistent/other.sock", "info");
        assertTrue(run.err().contains("unix:///nonexistent/other.sock"), run.err());
    }

    @Test
    void rejects_bad_log_level() {
        Run run = run("-l", "loud", "images");
        assertEquals(1, run.status());
        assertEquals("Unable to parse logging level: loud\n", run.err());
    }

    @Test
    void finds_command_after_global_options_with_values() {
        assertEquals(3, Berth.commandIndex(new String[] {"-H", "unix:///x", "-D", "images", "-a"}));
        assertEquals(2, Berth.commandIndex(new String[] {"--config", "/tmp", "info"}));
        assertEquals(-1, Berth.commandIndex(new String[] {"--tls"}));
    }

    @Test
    void refuses_to_save_to_a_terminal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Session session = new Session(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("BERTH_HOST", NOWHERE),
                new Session.Terminals(false, true), java.time.Clock.systemUTC());
        assertEquals(1, Berth.run(new String[] {"save", "busybox"}, session));
        assertEquals("cowardly refusing to save to a terminal. Use the -o flag or redirect\n", err.toString(StandardCharsets.UTF_8));
    }
}
