package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.cli.InProcessBerth.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network commands end to end, against the replies dockerd gave in network.log: what they print and their exit codes. */
class NetworkCommandsTest {
    @TempDir
    Path dir;
    private TrainingReplies replies;

    @BeforeEach
    void serve() throws IOException {
        replies = TrainingReplies.serve(dir.resolve("d.sock"));
    }

    @AfterEach
    void stop() throws IOException {
        replies.close();
    }

    private Run withStdin(String stdin, String... args) {
        return InProcessBerth.against(replies.host().toString(), stdin.getBytes(StandardCharsets.UTF_8), Map.of(), args);
    }

    private Run berth(String... args) {
        return withStdin("", args);
    }

    @Test
    void create_prints_the_new_id() {
        assertEquals(new Run(0, "25ad3219e0786027c37ef5851c0b3bd793e1130a4dcdcddee4cb0a1bb49b217d\n", ""),
                berth("network", "create", "--label", "trace=1", "trace-net"));
    }

    @Test
    void create_refuses_before_sending_as_docker_does() {
        assertEquals(new Run(1, "", "no matching subnet for gateway 10.9.0.1\n"),
                berth("network", "create", "--subnet", "10.1.0.0/24", "--gateway", "10.9.0.1", "x"));
        assertEquals(new Run(1, "", "every ip-range or gateway must have a corresponding subnet\n"),
                berth("network", "create", "--subnet", "10.1.0.0/24", "--subnet", "10.2.0.0/24", "--gateway", "10.1.0.1", "--gateway",
                        "10.1.0.2", "--gateway", "10.2.0.1", "x"));
        assertEquals(new Run(125, "", "invalid argument \"=x\" for \"--label\" flag: invalid label '=x': empty name\n\n"
                        + "Usage:  berth network create [OPTIONS] NETWORK\n\nRun 'berth network create --help' for more information\n"),
                berth("network", "create", "--label", "=x", "x"));
        assertEquals(new Run(125, "", "invalid argument \"a b\" for \"--label\" flag: label 'a b' contains whitespaces\n\n"
                        + "Usage:  berth network create [OPTIONS] NETWORK\n\nRun 'berth network create --help' for more information\n"),
                berth("network", "create", "--label", "a b", "x"));
        assertEquals(new Run(1, "", "berth: 'berth network create' requires 1 argument\n\n"
                        + "Usage:  berth network create [OPTIONS] NETWORK\n\nRun 'berth network create --help' for more information\n"),
                berth("network", "create", "x", "y"));
    }

    @Test
    void ls_filters_and_refuses_bad_filters_with_usage() {
        Run ls = berth("network", "ls", "--filter", "name=trace-", "-q");
        assertEquals(0, ls.status());
        assertEquals(4, ls.out().lines().count());
        assertEquals(new Run(125, "", "invalid argument \"foo\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n\n"
                        + "Usage:  berth network ls [OPTIONS]\n\nRun 'berth network ls --help' for more information\n"),
                berth("network", "ls", "--filter", "foo"));
        assertEquals(new Run(1, "", "berth: 'berth network ls' accepts no arguments\n\n"
                        + "Usage:  berth network ls [OPTIONS]\n\nRun 'berth network ls --help' for more information\n"),
                berth("network", "list", "a"));
    }

    @Test
    void inspect_prints_found_networks_then_the_errors() {
        Run run = berth("network", "inspect", "-f", "{{.Name}} {{.Labels}} {{json .IPAM.Config}}", "trace-net", "missing");
        assertEquals(new Run(1, "trace-net map[trace:1] [{\"Subnet\":\"192.168.48.0/20\",\"Gateway\":\"192.168.48.1\"}]\n",
                "Error response from daemon: No such container: missing\n"), run);
        assertEquals(new Run(1, "", "berth: 'berth network inspect' requires at least 1 argument\n\n"
                        + "Usage:  berth network inspect [OPTIONS] NETWORK [NETWORK...]\n\nSee 'berth network inspect --help' for more information\n"),
                berth("network", "inspect"));
    }

    @Test
    void rm_reports_each_failure_and_ends_with_exit_status_1() {
        assertEquals(new Run(1, "trace-net\n", "Error response from daemon: No such container: missing\nexit status 1\n"),
                berth("network", "rm", "missing", "trace-net"));
        assertEquals(new Run(0, "", ""), berth("network", "rm", "-f", "missing"));
        assertEquals(new Run(1, "", "invalid network name or ID: value is empty\nexit status 1\n"), berth("network", "remove", " "));
    }

    @Test
    void prune_asks_first_and_lists_what_went() {
        String question = "WARNING! This will remove all custom networks not used by at least one container.\n"
                + "Are you sure you want to continue? [y/N] ";
        assertEquals(new Run(0, question, ""), withStdin("n\n", "network", "prune"));
        assertEquals(new Run(0, question + "Deleted Networks:\ntrace-net2\n\n", ""), withStdin("y\n", "network", "prune", "--filter", "label=a"));
        assertEquals(new Run(125, "", "invalid argument \"foo\" for \"--filter\" flag: bad format of filter (expected name=value)\n\n"
                        + "Usage:  berth network prune [OPTIONS]\n\nRun 'berth network prune --help' for more information\n"),
                berth("network", "prune", "--filter", "foo"));
    }

    @Test
    void connect_and_disconnect_print_nothing_on_success() {
        assertEquals(new Run(0, "", ""), berth("network", "connect", "--alias", "web", "trace-net", "box"));
        assertEquals(new Run(0, "", ""), berth("network", "disconnect", "--force", "trace-net", "box"));
        assertEquals(new Run(125, "", "invalid argument \"a:b:c\" for \"--link\" flag: bad format for links: a:b:c\n\n"
                        + "Usage:  berth network connect [OPTIONS] NETWORK CONTAINER\n\nRun 'berth network connect --help' for more information\n"),
                berth("network", "connect", "--link", "a:b:c", "trace-net", "box"));
        assertEquals(new Run(1, "", "berth: 'berth network disconnect' requires 2 arguments\n\n"
                        + "Usage:  berth network disconnect [OPTIONS] NETWORK CONTAINER\n\n"
                        + "Run 'berth network disconnect --help' for more information\n"),
                berth("network", "disconnect", "trace-net"));
    }
}
