package dev.berth.cli.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.Berth;
import dev.berth.cli.InProcessBerth;
import dev.berth.cli.InProcessBerth.Run;
import dev.berth.testkit.BusyboxRootfs;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.ReferenceDockerd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth's network commands (and run/create's network flags, port, inspect) and the stock docker CLI,
 * side by side against Debian's dockerd: same stdout, same stderr (docker's name swapped for
 * berth's), same exit status — and, for commands that change the daemon, the same result when
 * each CLI does it in turn. dockerd runs in a network namespace of its own, so its bridges and
 * published ports never touch the host, and they go with it.
 */
@Tag("integration")
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NetworkAgainstDockerTest {
    private static final String IMAGE = "nt-busybox";
    private static ReferenceDockerd dockerd;
    private static DockerCli docker;
    @TempDir
    static Path temp;

    @BeforeAll
    static void start() throws Exception {
        dockerd = ReferenceDockerd.startInPrivateNetwork();
        docker = new DockerCli(dockerd.host(), Duration.ofSeconds(60));
        Path rootfs = temp.resolve("rootfs.tar");
        BusyboxRootfs.writeTar(rootfs);
        docker.run("import", "-c", "CMD [\"sh\"]", rootfs.toString(), IMAGE + ":latest").check();
        docker.run("network", "create", "--subnet", "10.210.0.0/24", "nt-conn").check();
        docker.run("network", "create", "--subnet", "10.211.0.0/24", "nt-conn2").check();
        docker.run("create", "--name", "nt-box", "--network", "nt-conn", IMAGE, "sleep", "600").check();
    }

    @AfterAll
    static void stop() {
        if (docker != null) {
            docker.close();
        }
        if (dockerd != null) {
            dockerd.close();
        }
    }

    static Run berth(byte[] stdin, String... args) {
        return InProcessBerth.against(dockerd.host(), stdin, Map.of(), args);
    }

    static Run berth(String... args) {
        return berth(new byte[0], args);
    }

    static Run docker(byte[] stdin, String... args) {
        DockerCli.Result r = docker.runWithStdin(stdin, args);
        return new Run(r.exitCode(), r.stdout(), r.stderr().replace("docker", "berth").replace("Docker", "Berth"));
    }

    /** Both CLIs, one after the other, on a daemon they leave as they found it: identical results. */
    static Run same(byte[] stdin, String... args) {
        Run theirs = docker(stdin, args);
        Run ours = berth(stdin, args);
        assertEquals(theirs, ours, () -> String.join(" ", args));
        return ours;
    }

    static Run same(String... args) {
        return same(new byte[0], args);
    }

    /** Runs {@code change} with berth, looks with {@code look}, undoes with {@code undo}; then the same with docker. */
    static void sameEffect(List<String> change, List<String> look, List<String> undo) {
        Run ours = berth(change.toArray(String[]::new));
        String ourLook = masked(docker.run(look.toArray(String[]::new)).check().stdout());
        docker.run(undo.toArray(String[]::new));
        Run theirs = docker(new byte[0], change.toArray(String[]::new));
        String theirLook = masked(docker.run(look.toArray(String[]::new)).check().stdout());
        docker.run(undo.toArray(String[]::new));
        String what = String.join(" ", change);
        assertEquals(new Run(theirs.status(), masked(theirs.out()), theirs.err()), new Run(ours.status(), masked(ours.out()), ours.err()), what);
        assertEquals(theirLook, ourLook, what);
    }

    /** IDs, creation times and the subnets dockerd picks itself (it moves on to the next pool) differ from one creation to the next. */
    static String masked(String text) {
        return text.replaceAll("[0-9a-f]{64}", "ID").replaceAll("\"Created\": ?\"[^\"]*\"", "\"Created\":\"T\"")
                .replaceAll("\\b[0-9a-f]{12}\\b", "SHORTID").replaceAll("172\\.(1[6-9]|2[0-9]|3[01])\\.0\\.([01])", "172.AUTO.0.$2");
    }

    @Test
    void lists_the_networks_like_docker() {
        same("network", "ls");
        same("network", "ls", "--no-trunc");
        same("network", "list", "-q");
        same("network", "ls", "--format", "json");
        same("network", "ls", "--format", "raw");
        same("network", "ls", "-q", "--format", "raw");
        same("network", "ls", "--format", "table {{.Name}}\t{{.Driver}}\t{{.IPv4}}\t{{.IPv6}}\t{{.Internal}}\t{{.Labels}}\t{{.CreatedAt}}");
        same("network", "ls", "--filter", "driver=null", "--filter", "name=n");
        same("network", "ls", "--filter", "foo");
        same("network", "ls", "extra");
        same("network", "ls", "--format", "{{.Nope}}");
    }

    @Test
    void inspects_networks_like_docker() {
        same("network", "inspect", "none", "host", "nt-conn");
        same("network", "inspect", "-f", "{{.Name}} {{.Driver}} {{.Scope}} {{json .IPAM}} {{.Options}} {{.Labels}} {{.Internal}}", "none", "nt-conn");
        same("network", "inspect", "--verbose", "none");
        same("network", "inspect", "none", "nt-missing", "host");
        same("network", "inspect", " ");
        same("network", "inspect");
        same("inspect", "none");
        same("inspect", "-f", "{{.Name}} {{.Id}}", "host");
        same("inspect", "--type", "network", "nt-missing");
        same("inspect", "-s", "-f", "{{.Driver}}", "none");
        same("inspect", "nt-missing");
    }

    @Test
    void creates_what_docker_creates_for_the_same_flags() {
        List<String> look = List.of("network", "inspect", "nt-made");
        List<String> undo = List.of("network", "rm", "nt-made");
        sameEffect(List.of("network", "create", "--label", "owner=nt", "--subnet", "10.201.0.0/24", "--gateway", "10.201.0.1",
                "--ip-range", "10.201.0.128/25", "--aux-address", "host1=10.201.0.5", "--aux-address", "host2=10.201.0.6", "--internal",
                "--attachable", "-o", "com.docker.network.bridge.name=brnt0", "-o", "mtu=1400", "--ipam-opt", "foo=bar", "nt-made"), look, undo);
        sameEffect(List.of("network", "create", "--ipv6", "--subnet", "fd00:201::/64", "--gateway", "fd00:201::1", "nt-made"), look, undo);
        sameEffect(List.of("network", "create", "-d", "bridge", "--scope", "local", "--ipv4=false", "nt-made"), look, undo);
        sameEffect(List.of("network", "create", "--config-only", "--subnet", "10.203.0.0/24", "--ip-range", "10.203.0.0/25", "nt-made"), look, undo);
        docker.run("network", "create", "--config-only", "--subnet", "10.204.0.0/24", "nt-config").check();
        try {
            sameEffect(List.of("network", "create", "--config-from", "nt-config", "nt-made"), look, undo);
        } finally {
            docker.run("network", "rm", "nt-config");
        }
    }

    @Test
    void refuses_to_create_as_docker_does() {
        same("network", "create", "--gateway", "10.1.0.1", "nt-x");
        same("network", "create", "--subnet", "10.1.0.0/24", "--subnet", "10.2.0.0/24", "--gateway", "10.1.0.1", "--gateway", "10.1.0.2",
                "--gateway", "10.2.0.1", "nt-x");
        same("network", "create", "--subnet", "10.1.0.0/16", "--subnet", "10.1.2.0/24", "nt-x");
        same("network", "create", "--subnet", "10.1.0.0/24", "--gateway", "10.9.0.1", "nt-x");
        same("network", "create", "--subnet", "10.1.0.0/24", "--ip-range", "bogus", "nt-x");
        same("network", "create", "--subnet", "10.1.0.0/24", "--ip-range", "10.9.0.0/28", "nt-x");
        same("network", "create", "--subnet", "10.1.0.0/24", "--aux-address", "a=10.9.0.1", "nt-x");
        same("network", "create", "--subnet", "bogus", "nt-x");
        same("network", "create", "--subnet", "10.1.0.0/24,10.2.0.0/24", "--gateway", "10.1.0.1,10.2.0.1", "nt-x");
        same("network", "create", "--label", "=x", "nt-x");
        same("network", "create", "--label", "a b", "nt-x");
        same("network", "create", "-d", "null", "nt-x");
        same("network", "create", "-d", "host", "nt-x");
        same("network", "create", "-d", "nt-nosuchdriver", "nt-x");
        same("network", "create", "--ipv6", "nt-x");
        same("network", "create", "nt-conn");
        same("network", "create");
        same("network", "create", "a", "b");
        same("network", "create", "--bogus", "nt-x");
    }

    @Test
    void removes_and_prunes_like_docker() {
        docker.run("network", "create", "nt-gone").check();
        sameEffect(List.of("network", "rm", "nt-missing", "nt-gone"), List.of("network", "ls", "--format", "{{.Name}}"),
                List.of("network", "create", "nt-gone"));
        docker.run("network", "rm", "nt-gone").check();
        same("network", "rm", "-f", "nt-missing");
        same("network", "rm");
        same("n\n".getBytes(StandardCharsets.UTF_8), "network", "prune");
        same("network", "prune", "-f", "--filter", "label=nt-nothing");
        same("network", "prune", "--filter", "foo");
        same("network", "prune", "-f", "extra");
        docker.run("network", "create", "--label", "nt-prune=1", "nt-pruned").check();
        sameEffect(List.of("network", "prune", "-f", "--filter", "label=nt-prune=1"), List.of("network", "ls", "--format", "{{.Name}}"),
                List.of("network", "create", "--label", "nt-prune=1", "nt-pruned"));
        docker.run("network", "rm", "nt-pruned").check();
    }

    @Test
    void connects_and_disconnects_like_docker() {
        List<String> look = List.of("inspect", "-f", "{{json (index .NetworkSettings.Networks \"nt-conn2\")}}", "nt-box");
        List<String> undo = List.of("network", "disconnect", "nt-conn2", "nt-box");
        sameEffect(List.of("network", "connect", "--alias", "web", "--alias", "w2,w3", "--ip", "10.211.0.7", "--driver-opt", "k=v",
                "nt-conn2", "nt-box"), look, undo);
        sameEffect(List.of("network", "connect", "nt-conn2", "nt-box"), look, undo);
        same("network", "disconnect", "nt-conn2", "nt-box");
        same("network", "disconnect", "-f", "nt-conn2", "nt-box");
        same("network", "connect", "nt-missing", "nt-box");
        same("network", "connect", "nt-conn2", "nt-nobox");
        same("network", "connect", "--link", "a:b:c", "nt-conn2", "nt-box");
        same("network", "connect", "--driver-opt", "novalue", "nt-conn2", "nt-box");
        same("network", "connect", "nt-conn2");
        same("network", "disconnect", "nt-conn2");
    }

    @Test
    void run_and_create_send_network_flags_as_docker_does() {
        List<String> inspect = List.of("inspect", "-f", "{{json .Config}}\n{{json .HostConfig}}\n{{json .NetworkSettings.Networks}}", "nt-made");
        List<String> undo = List.of("rm", "-f", "nt-made");
        sameEffect(List.of("create", "--name", "nt-made", "--network", "nt-conn", "--network-alias", "al", "--ip", "10.210.0.9",
                "--link", "nt-box:y", "-p", "127.0.0.1::80", "-p", "8000-8001:90-91/udp", "-p", "published=8085,target=85", "-P",
                "--expose", "7000-7001", "--dns", "0:0::1", "--dns-search", "example.com.", "--add-host", "h=::1", IMAGE), inspect, undo);
        sameEffect(List.of("create", "--name", "nt-made", "--network", "name=nt-conn,alias=x,ip=10.210.0.10,driver-opt=a=b", IMAGE), inspect, undo);
        sameEffect(List.of("create", "--name", "nt-made", "--network", "none", "--link", "nt-box:y", IMAGE), inspect, undo);
        sameEffect(List.of("create", "--name", "nt-made", "--net", "nt-conn", IMAGE), inspect, undo);
        same("create", "--network-alias", "a", IMAGE);
        same("create", "--mac-address", "02:42:ac:11:00:02", IMAGE);
        same("create", "--mac-address", "zz", IMAGE);
        same("run", "--rm", "--mac-address", "zz", IMAGE);
        same("create", "-p", "8080:abc", IMAGE);
        same("create", "--expose", "80:90", IMAGE);
        same("create", "--dns", "bogus", IMAGE);
        same("create", "--add-host", "bad", IMAGE);
        same("create", "--network", "nt-conn", "--network", "none", IMAGE);
        same("create", "--network", "name=nt-conn,foo=bar", IMAGE);
        same("create", "--name", "nt-box", IMAGE);
        same("run", "--rm", "--name", "nt-box", IMAGE);
    }

    @Test
    void port_prints_every_binding_like_docker() {
        docker.run("run", "-d", "--name", "nt-port", "--network", "nt-conn", "-p", "127.0.0.1::80", "-p", "9090/udp", "-p", "127.0.0.1:18181:81",
                IMAGE, "sleep", "600").check();
        try {
            Run all = same("port", "nt-port");
            assertTrue(all.out().contains("9090/udp -> 0.0.0.0:"), all.out());
            same("port", "nt-port", "9090/udp");
            same("port", "nt-port", "80");
            same("port", "nt-port", "81/tcp");
            same("port", "nt-port", "82");
            same("port", "nt-port", "abc");
            same("port", "nt-nobox");
            same("network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}", "nt-conn");
            same("network", "rm", "nt-conn");
        } finally {
            docker.run("rm", "-f", "nt-port");
        }
    }
}
