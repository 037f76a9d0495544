package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigLoaderTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final DaemonConfigLoader loader =
            new DaemonConfigLoader("1.2.3", "abc1234", new PrintStream(out, true, StandardCharsets.UTF_8));

    private Path file(String json) throws IOException {
        Path path = dir.resolve("daemon.json");
        Files.writeString(path, json);
        return path;
    }

    private DaemonConfig load(Path file, String... args) {
        List<String> all = new ArrayList<>(List.of("--config-file", file.toString()));
        all.addAll(List.of(args));
        return loader.load(all.toArray(String[]::new));
    }

    private String failure(Path file, String... args) {
        return assertThrows(ConfigException.class, () -> load(file, args)).getMessage();
    }

    @Test
    void gives_dockerd_defaults_with_berth_paths_when_nothing_is_set() throws IOException {
        assertFalse(Files.exists(Path.of("/etc/berth/daemon.json")), "this test expects no system daemon.json");
        DaemonConfig config = loader.load(new String[0]);
        assertEquals(List.of(DaemonHost.parse("unix:///var/run/berth.sock")), config.hosts());
        assertEquals(Path.of("/var/lib/berth"), config.dataRoot());
        assertEquals(Path.of("/run/berth"), config.execRoot());
        assertEquals(Path.of("/var/run/berthd.pid"), config.pidFile());
        assertEquals(Path.of("/etc/berth/daemon.json"), config.configFile());
        assertEquals(LogLevel.INFO, config.logLevel());
        assertEquals("berth", config.group());
        assertEquals(15, config.shutdownTimeoutSeconds());
        assertEquals(new RegistryConfig(List.of(), List.of(), 3, 5, 5), config.registry());
        assertEquals("runc", config.runtime().defaultRuntime());
        assertEquals(64L << 20, config.runtime().defaultShmSize().bytes());
        assertEquals("cgroupfs", config.runtime().cgroupDriver());
        assertEquals(Optional.empty(), config.storage().driver());
        NetworkConfig network = config.network();
        assertEquals(1500, network.mtu());
        assertEquals("0.0.0.0", network.ip());
        assertTrue(network.icc() && network.ipForward() && network.ipMasq() && network.iptables() && network.userlandProxy());
        assertFalse(network.ipv6());
        assertEquals("berth", network.nftTable());
        assertEquals(new TlsConfig(false, false, Path.of("/etc/berth/ca.pem"), Path.of("/etc/berth/cert.pem"),
                Path.of("/etc/berth/key.pem")), config.tls());
    }

    @Test
    void reads_flags_in_short_and_long_forms() throws IOException {
        Path missing = dir.resolve("none.json");
        Files.writeString(missing, "");
        DaemonConfig config = load(missing, "-H", "unix:///tmp/a.sock", "--host", "tcp://:2375", "-D", "-l", "warn",
                "-s", "vfs", "--data-root", "/tmp/root", "-p", "/tmp/b.pid", "--icc=false", "--label", "a=1",
                "--label", "b=2", "--default-shm-size", "1g", "--max-concurrent-downloads", "7",
                "--exec-opt", "native.cgroupdriver=systemd", "--default-ulimit", "nofile=1024:2048",
                "--default-address-pool", "base=10.10.0.0/16,size=24", "--nft-table", "berth_test");
        assertEquals(List.of(DaemonHost.parse("unix:///tmp/a.sock"), DaemonHost.parse("tcp://0.0.0.0:2375")), config.hosts());
        assertTrue(config.debug());
        assertEquals(LogLevel.WARN, config.logLevel());
        assertEquals(LogLevel.DEBUG, config.effectiveLogLevel());
        assertEquals(Optional.of(StorageDriver.VFS), config.storage().driver());
        assertEquals(Path.of("/tmp/root"), config.dataRoot());
        assertEquals(Path.of("/tmp/b.pid"), config.pidFile());
        assertFalse(config.network().icc());
        assertEquals(List.of("a=1", "b=2"), config.labels());
        assertEquals(1L << 30, config.runtime().defaultShmSize().bytes());
        assertEquals(7, config.registry().maxConcurrentDownloads());
        assertEquals("systemd", config.runtime().cgroupDriver());
        assertEquals(new Ulimit("nofile", 1024, 2048), config.runtime().defaultUlimits().get("nofile"));
        assertEquals(List.of(new AddressPool("10.10.0.0/16", 24)), config.network().defaultAddressPools());
        assertEquals("berth_test", config.network().nftTable());
        assertTrue(config.settings().fromFlags().containsKey("hosts"));
    }

    @Test
    void reads_daemon_json_keys_named_like_the_long_flags() throws IOException {
        DaemonConfig config = load(file("""
                {"hosts": ["unix:///tmp/x.sock", "tcp://127.0.0.1:2376"], "data-root": "/srv/berth",
                 "log-level": "debug", "storage-driver": "overlay2", "insecure-registries": ["10.0.0.0/8", "myreg:5000"],
                 "registry-mirrors": ["https://mirror.example.com"], "labels": ["env=test"], "tlsverify": true,
                 "runtimes": {"crun": {"path": "/usr/bin/crun", "runtimeArgs": ["--debug"]}},
                 "default-runtime": "crun", "default-shm-size": "128m", "default-ulimits":
                 {"nproc": {"Name": "nproc", "Soft": 100, "Hard": 200}}, "mtu": 1400, "dns": ["1.1.1.1"],
                 "default-address-pools": [{"base": "10.20.0.0/16", "size": 24}], "features": {"buildkit": false},
                 "live-restore": true, "shutdown-timeout": 30, "ipv6": true, "fixed-cidr-v6": "fd00::/64"}
                """));
        assertEquals("tcp://127.0.0.1:2376", config.hosts().get(1).toString());
        assertEquals(Path.of("/srv/berth"), config.dataRoot());
        assertEquals(LogLevel.DEBUG, config.logLevel());
        assertEquals(Optional.of(StorageDriver.OVERLAY2), config.storage().driver());
        assertEquals(List.of("10.0.0.0/8", "myreg:5000"), config.registry().insecureRegistries());
        assertEquals(List.of("https://mirror.example.com/"), config.registry().mirrors());
        assertEquals(new TlsConfig(true, true, Path.of("/etc/berth/ca.pem"), Path.of("/etc/berth/cert.pem"),
                Path.of("/etc/berth/key.pem")), config.tls());
        assertEquals(new RuntimeDefinition("/usr/bin/crun", List.of("--debug")), config.runtime().runtimes().get("crun"));
        assertEquals("crun", config.runtime().defaultRuntime());
        assertEquals(128L << 20, config.runtime().defaultShmSize().bytes());
        assertEquals(new Ulimit("nproc", 100, 200), config.runtime().defaultUlimits().get("nproc"));
        assertEquals(1400, config.network().mtu());
        assertEquals(List.of("1.1.1.1"), config.network().dns());
        assertEquals(Map.of("buildkit", false), config.features());
        assertTrue(config.liveRestore());
        assertEquals(30, config.shutdownTimeoutSeconds());
        assertEquals("fd00::/64", config.network().fixedCidrV6());
        assertTrue(config.settings().fromFile().contains("data-root"));
    }

    @Test
    void merges_flags_and_file_when_they_set_different_keys() throws IOException {
        DaemonConfig config = load(file("{\"log-level\": \"error\"}"), "-H", "unix:///tmp/y.sock", "--tls");
        assertEquals(LogLevel.ERROR, config.logLevel());
        assertEquals("unix:///tmp/y.sock", config.hosts().getFirst().toString());
        assertTrue(config.tls().enabled());
        assertTrue(config.tls().verify(), "--tls alone verifies, as in dockerd");
    }

    @Test
    void tlsverify_false_still_turns_tls_on_without_verification() throws IOException {
        TlsConfig tls = load(file("{}"), "--tlsverify=false").tls();
        assertTrue(tls.enabled());
        assertFalse(tls.verify());
    }

    @Test
    void merges_runtimes_from_flags_and_file() throws IOException {
        DaemonConfig config = load(file("{\"runtimes\": {\"crun\": {\"path\": \"/usr/bin/crun\"}}}"),
                "--add-runtime", "youki=/usr/local/bin/youki");
        assertEquals(2, config.runtime().runtimes().size());
        assertEquals("/usr/local/bin/youki", config.runtime().runtimes().get("youki").path());
    }

    @Test
    void refuses_a_key_given_both_as_flag_and_in_file_with_dockerd_wording() throws IOException {
        Path file = file("{\"hosts\": [\"tcp://1.2.3.4:2375\"], \"debug\": true}");
        String message = failure(file, "-H", "unix:///x", "-D");
        assertEquals("unable to configure the Berth daemon with file " + file + ": the following directives are "
                + "specified both as a flag and in the configuration file: hosts: (from flag: [unix:///x], from file: "
                + "[tcp://1.2.3.4:2375]), debug: (from flag: true, from file: true)", message);
        assertEquals(1, assertThrows(ConfigException.class, () -> load(file, "-D")).exitCode());
    }

    @Test
    void refuses_unknown_keys_with_dockerd_wording() throws IOException {
        Path file = file("{\"foo\": 1, \"debug\": true, \"bar\": \"x\"}");
        assertEquals("unable to configure the Berth daemon with file " + file
                + ": the following directives don't match any configuration option: foo, bar", failure(file));
    }

    @Test
    void refuses_flag_only_settings_in_the_file() throws IOException {
        assertTrue(failure(file("{\"config-file\": \"/x\"}")).contains("don't match any configuration option: config-file"));
    }

    @Test
    void names_key_and_value_when_a_file_value_is_wrong() throws IOException {
        assertTrue(failure(file("{\"log-level\": \"loud\"}"))
                .endsWith("invalid value \"loud\" for log-level in " + dir.resolve("daemon.json")
                        + ": invalid logging level: loud"));
        assertTrue(failure(file("{\"max-concurrent-downloads\": \"three\"}"))
                .contains("invalid value \"three\" for max-concurrent-downloads in"));
        assertTrue(failure(file("{\"max-concurrent-downloads\": \"three\"}")).endsWith("expected a whole number"));
        assertTrue(failure(file("{\"hosts\": [\"udp://1.2.3.4\"]}"))
                .endsWith("for hosts in " + dir.resolve("daemon.json") + ": Invalid bind address format: udp://1.2.3.4"));
        assertTrue(failure(file("{\"hosts\": \"unix:///x\"}")).endsWith("expected a list of strings"));
        assertTrue(failure(file("{\"default-shm-size\": \"64x\"}")).endsWith("invalid size: '64x'"));
        assertTrue(failure(file("{\"storage-driver\": \"btrfs\"}")).contains("unknown storage driver: btrfs"));
        assertTrue(failure(file("{\"debug\": \"yes\"}")).endsWith("for debug in " + dir.resolve("daemon.json")
                + ": expected true or false"));
        assertTrue(failure(file("{\"max-download-attempts\": -1}")).endsWith("invalid max download attempts: -1"));
        assertTrue(failure(file("{\"registry-mirrors\": [\"ftp://m\"]}"))
                .endsWith("invalid mirror: unsupported scheme \"ftp\" in \"ftp://m\""));
        assertTrue(failure(file("{\"exec-opts\": [\"isolation=hyperv\"]}")).endsWith("unknown option: 'isolation'"));
        assertTrue(failure(file("{\"bip\": \"172.17.0.1\"}")).endsWith("invalid CIDR address: 172.17.0.1"));
        assertTrue(failure(file("{\"dns\": [\"not-an-ip\"]}")).endsWith("IP address is not correctly formatted: not-an-ip"));
        assertTrue(failure(file("{\"labels\": [\"novalue\"]}")).endsWith("bad attribute format: novalue"));
    }

    @Test
    void names_flag_and_value_when_a_flag_value_is_wrong() throws IOException {
        Path file = file("");
        assertEquals("invalid value \"loud\" for flag --log-level: invalid logging level: loud", failure(file, "-l", "loud"));
        assertEquals("invalid value \"[fd://]\" for flag --host: fd:// hosts are not supported by berthd "
                + "(it does not use socket activation): fd://", failure(file, "-H", "fd://"));
        assertEquals("invalid value \"64x\" for flag --default-shm-size: invalid size: '64x'",
                failure(file, "--default-shm-size", "64x"));
        assertTrue(failure(file, "--no-such-flag").startsWith("Unknown option: '--no-such-flag'"));
    }

    @Test
    void names_file_and_position_of_invalid_json() throws IOException {
        Path file = file("{\n  \"debug\": true,\n  \"labels\": [\"a=b\"\n}");
        String message = failure(file);
        assertTrue(message.startsWith("invalid JSON in " + file + " at line 4, column 1: "), message);
    }

    @Test
    void refuses_duplicate_json_keys_and_non_objects() throws IOException {
        assertTrue(failure(file("{\"debug\": true, \"debug\": false}")).contains("Duplicate field 'debug'"));
        assertTrue(failure(file("[1, 2]")).endsWith("expected a JSON object"));
    }

    @Test
    void refuses_a_missing_explicit_config_file() {
        Path missing = dir.resolve("missing.json");
        assertEquals("unable to configure the Berth daemon with file " + missing + ": open " + missing
                + ": no such file or directory", failure(missing));
    }

    @Test
    void checks_settings_against_each_other_after_merging() throws IOException {
        assertTrue(failure(file("{\"labels\": [\"a=1\"]}"), "--label", "a=1").contains("specified both"));
        assertEquals("merged configuration validation from file and command line flags failed: "
                + "conflict labels for a=2 and a=1", failure(file("{\"labels\": [\"a=1\", \"a=2\"]}")));
        assertEquals("merged configuration validation from file and command line flags failed: "
                + "specified default runtime 'crun' does not exist", failure(file("{\"default-runtime\": \"crun\"}")));
        assertTrue(failure(file("{\"runtimes\": {\"runc\": {\"path\": \"/x\"}}}")).endsWith("runtime name 'runc' is reserved"));
    }

    @Test
    void prints_version_and_usage_then_exits_zero() {
        assertEquals(0, assertThrows(EarlyExit.class, () -> loader.load(new String[] {"--version"})).exitCode());
        assertEquals("Berth version 1.2.3, build abc1234", out.toString(StandardCharsets.UTF_8).trim());
        out.reset();
        assertEquals(0, assertThrows(EarlyExit.class, () -> loader.load(new String[] {"--help"})).exitCode());
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("Usage: berthd"), usage);
        assertTrue(usage.contains("--data-root=DIR") && usage.contains("Root directory of persistent berth state"), usage);
        assertTrue(usage.contains("-H, --host=HOST"), usage);
    }

    @Test
    void validate_checks_the_configuration_and_exits() throws IOException {
        Path file = file("{\"debug\": true}");
        assertThrows(EarlyExit.class, () -> load(file, "--validate"));
        assertEquals("configuration OK", out.toString(StandardCharsets.UTF_8).trim());
    }
}
