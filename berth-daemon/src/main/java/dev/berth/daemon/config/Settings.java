package dev.berth.daemon.config;

import static dev.berth.daemon.config.Setting.Reload.KEEP_WHEN_UNSET;
import static dev.berth.daemon.config.Setting.Reload.NO;
import static dev.berth.daemon.config.Setting.Reload.RESET_WHEN_UNSET;

import dev.berth.daemon.config.Setting.Reload;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The table of every setting berthd understands, in dockerd's names, types and defaults (with
 * berth's paths). The command line, daemon.json, conflict detection and reload are all driven
 * from {@link #ALL}.
 */
final class Settings {
    static final String STOCK_RUNTIME = "runc";
    private static final List<Setting<?>> TABLE = new ArrayList<>();

    // Daemon
    static final Setting<List<DaemonHost>> HOSTS = add("hosts", flags("-H", "--host"), "HOST",
            "Daemon socket(s) to connect to (unix://PATH or tcp://IP:PORT)", SettingType.list(DaemonHost::parse), List.of(), NO);
    static final Setting<Path> CONFIG_FILE = flagOnly("config-file", flags("--config-file"), "FILE",
            "Daemon configuration file", SettingType.scalar(Settings::path), Path.of("/etc/berth/daemon.json"));
    static final Setting<Boolean> VALIDATE = flagOnly("validate", flags("--validate"), "",
            "Validate daemon configuration and exit", SettingType.bool(), false);
    static final Setting<Path> DATA_ROOT = add("data-root", flags("--data-root"), "DIR",
            "Root directory of persistent berth state", SettingType.scalar(Settings::path), Path.of("/var/lib/berth"), NO);
    static final Setting<Path> EXEC_ROOT = add("exec-root", flags("--exec-root"), "DIR",
            "Root directory for execution state files", SettingType.scalar(Settings::path), Path.of("/run/berth"), NO);
    static final Setting<Path> PIDFILE = add("pidfile", flags("-p", "--pidfile"), "FILE",
            "Path to use for daemon PID file", SettingType.scalar(Settings::path), Path.of("/var/run/berthd.pid"), NO);
    static final Setting<String> GROUP = add("group", flags("-G", "--group"), "GROUP",
            "Group for the unix socket", SettingType.string(s -> s), "berth", NO);
    static final Setting<Boolean> DEBUG = add("debug", flags("-D", "--debug"), "",
            "Enable debug mode", SettingType.bool(), false, KEEP_WHEN_UNSET);
    static final Setting<LogLevel> LOG_LEVEL = add("log-level", flags("-l", "--log-level"), "LEVEL",
            "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\")", SettingType.scalar(LogLevel::parse),
            LogLevel.INFO, KEEP_WHEN_UNSET);
    static final Setting<Boolean> EXPERIMENTAL = add("experimental", flags("--experimental"), "",
            "Enable experimental features", SettingType.bool(), false, NO);
    static final Setting<List<String>> LABELS = add("labels", flags("--label"), "KEY=VALUE",
            "Set key=value labels to the daemon", SettingType.list(Settings::label), List.of(), KEEP_WHEN_UNSET);
    static final Setting<Map<String, Boolean>> FEATURES = add("features", flags(), "",
            "Enable or disable features (daemon.json only)", SettingType.features(), Map.of(), RESET_WHEN_UNSET);
    static final Setting<Integer> SHUTDOWN_TIMEOUT = add("shutdown-timeout", flags("--shutdown-timeout"), "SECONDS",
            "Set the default shutdown timeout", SettingType.integer(-1, "shutdown timeout"), 15, KEEP_WHEN_UNSET);
    static final Setting<Boolean> LIVE_RESTORE = add("live-restore", flags("--live-restore"), "",
            "Enable live restore of berthd when containers are still running", SettingType.bool(), false, KEEP_WHEN_UNSET);

    // TLS
    static final Setting<Boolean> TLS = add("tls", flags("--tls"), "",
            "Use TLS; implied by --tlsverify", SettingType.bool(), false, NO);
    static final Setting<Boolean> TLS_VERIFY = add("tlsverify", flags("--tlsverify"), "",
            "Use TLS and verify the remote", SettingType.bool(), false, NO);
    static final Setting<Path> TLS_CA_CERT = add("tlscacert", flags("--tlscacert"), "FILE",
            "Trust certs signed only by this CA", SettingType.scalar(Settings::path), Path.of("/etc/berth/ca.pem"), NO);
    static final Setting<Path> TLS_CERT = add("tlscert", flags("--tlscert"), "FILE",
            "Path to TLS certificate file", SettingType.scalar(Settings::path), Path.of("/etc/berth/cert.pem"), NO);
    static final Setting<Path> TLS_KEY = add("tlskey", flags("--tlskey"), "FILE",
            "Path to TLS key file", SettingType.scalar(Settings::path), Path.of("/etc/berth/key.pem"), NO);

    // Storage and images
    static final Setting<Optional<StorageDriver>> STORAGE_DRIVER = add("storage-driver", flags("-s", "--storage-driver"),
            "DRIVER", "Storage driver to use (overlay2|vfs; default: overlay2 where it mounts, else vfs)",
            SettingType.scalar(s -> Optional.of(StorageDriver.parse(s))), Optional.empty(), NO);
    static final Setting<List<String>> STORAGE_OPTS = add("storage-opts", flags("--storage-opt"), "OPT",
            "Storage driver options", SettingType.list(Settings::keyValue), List.of(), NO);
    static final Setting<List<String>> INSECURE_REGISTRIES = add("insecure-registries", flags("--insecure-registry"),
            "REGISTRY", "Enable insecure registry communication", SettingType.list(Settings::insecureRegistry), List.of(),
            KEEP_WHEN_UNSET);
    static final Setting<List<String>> REGISTRY_MIRRORS = add("registry-mirrors", flags("--registry-mirror"), "URL",
            "Preferred registry mirror", SettingType.list(Settings::mirror), List.of(), KEEP_WHEN_UNSET);
    static final Setting<Integer> MAX_CONCURRENT_DOWNLOADS = add("max-concurrent-downloads",
            flags("--max-concurrent-downloads"), "N", "Set the max concurrent downloads",
            SettingType.integer(0, "max concurrent downloads"), 3, RESET_WHEN_UNSET);
    static final Setting<Integer> MAX_CONCURRENT_UPLOADS = add("max-concurrent-uploads",
            flags("--max-concurrent-uploads"), "N", "Set the max concurrent uploads",
            SettingType.integer(0, "max concurrent uploads"), 5, RESET_WHEN_UNSET);
    static final Setting<Integer> MAX_DOWNLOAD_ATTEMPTS = add("max-download-attempts",
            flags("--max-download-attempts"), "N", "Set the max download attempts for each pull",
            SettingType.integer(0, "max download attempts"), 5, RESET_WHEN_UNSET);

    // Runtime
    static final Setting<String> DEFAULT_RUNTIME = add("default-runtime", flags("--default-runtime"), "NAME",
            "Default OCI runtime for containers", SettingType.string(s -> s), STOCK_RUNTIME, KEEP_WHEN_UNSET);
    static final Setting<Map<String, RuntimeDefinition>> RUNTIMES = add("runtimes", flags("--add-runtime"), "NAME=PATH",
            "Register an additional OCI compatible runtime", SettingType.runtimes(), Map.of(), RESET_WHEN_UNSET);
    static final Setting<List<String>> EXEC_OPTS = add("exec-opts", flags("--exec-opt"), "OPT=VALUE",
            "Runtime execution options (native.cgroupdriver=cgroupfs|systemd)", SettingType.list(Settings::execOpt),
            List.of(), NO);
    static final Setting<String> CGROUP_PARENT = add("cgroup-parent", flags("--cgroup-parent"), "CGROUP",
            "Set parent cgroup for all containers", SettingType.string(s -> s), "", NO);
    static final Setting<Map<String, Ulimit>> DEFAULT_ULIMITS = add("default-ulimits", flags("--default-ulimit"),
            "NAME=SOFT[:HARD]", "Default ulimits for containers", SettingType.ulimits(), Map.of(), NO);
    static final Setting<ByteSize> DEFAULT_SHM_SIZE = add("default-shm-size", flags("--default-shm-size"), "SIZE",
            "Default shm size for containers", SettingType.byteSize(), ByteSize.ofMebibytes(64), NO);
    static final Setting<String> USERNS_REMAP = add("userns-remap", flags("--userns-remap"), "USER[:GROUP]",
            "User/Group setting for user namespaces", SettingType.string(s -> s), "", NO);

    // Network
    static final Setting<Integer> MTU = add("mtu", flags("--mtu"), "BYTES",
            "Set the containers network MTU", SettingType.integer(0, "default MTU"), 1500, NO);
    static final Setting<String> BRIDGE = add("bridge", flags("-b", "--bridge"), "NAME",
            "Attach containers to a network bridge", SettingType.string(s -> s), "", NO);
    static final Setting<String> BIP = add("bip", flags("--bip"), "CIDR",
            "IPv4 address for the default bridge", SettingType.string(Cidr::ipv4Cidr), "", NO);
    static final Setting<String> FIXED_CIDR = add("fixed-cidr", flags("--fixed-cidr"), "CIDR",
            "IPv4 subnet for the default bridge network", SettingType.string(Cidr::ipv4Cidr), "", NO);
    static final Setting<String> FIXED_CIDR_V6 = add("fixed-cidr-v6", flags("--fixed-cidr-v6"), "CIDR",
            "IPv6 subnet for the default bridge network", SettingType.string(Cidr::ipv6Cidr), "", NO);
    static final Setting<String> DEFAULT_GATEWAY = add("default-gateway", flags("--default-gateway"), "IP",
            "Default gateway IPv4 address for the default bridge network", SettingType.string(Settings::ip), "", NO);
    static final Setting<String> DEFAULT_GATEWAY_V6 = add("default-gateway-v6", flags("--default-gateway-v6"), "IP",
            "Default gateway IPv6 address for the default bridge network", SettingType.string(Settings::ip), "", NO);
    static final Setting<Boolean> ICC = add("icc", flags("--icc"), "",
            "Enable inter-container communication for the default bridge network", SettingType.bool(), true, NO);
    static final Setting<String> IP = add("ip", flags("--ip"), "IP",
            "Host IP for port publishing from the default bridge network", SettingType.string(Settings::ip), "0.0.0.0", NO);
    static final Setting<Boolean> IP_FORWARD = add("ip-forward", flags("--ip-forward"), "",
            "Enable IP forwarding in system configuration", SettingType.bool(), true, NO);
    static final Setting<Boolean> IP_MASQ = add("ip-masq", flags("--ip-masq"), "",
            "Enable IP masquerading for the default bridge network", SettingType.bool(), true, NO);
    static final Setting<Boolean> IPTABLES = add("iptables", flags("--iptables"), "",
            "Enable addition of firewall rules", SettingType.bool(), true, NO);
    static final Setting<Boolean> IPV6 = add("ipv6", flags("--ipv6"), "",
            "Enable IPv6 networking for the default bridge network", SettingType.bool(), false, NO);
    static final Setting<Boolean> USERLAND_PROXY = add("userland-proxy", flags("--userland-proxy"), "",
            "Use userland proxy for loopback traffic", SettingType.bool(), true, NO);
    static final Setting<List<String>> DNS = add("dns", flags("--dns"), "IP",
            "DNS server to use", SettingType.list(Settings::ip), List.of(), NO);
    static final Setting<List<String>> DNS_OPTS = add("dns-opts", flags("--dns-opt"), "OPT",
            "DNS options to use", SettingType.list(s -> s), List.of(), NO);
    static final Setting<List<String>> DNS_SEARCH = add("dns-search", flags("--dns-search"), "DOMAIN",
            "DNS search domains to use", SettingType.list(Settings::dnsSearch), List.of(), NO);
    static final Setting<List<AddressPool>> DEFAULT_ADDRESS_POOLS = add("default-address-pools",
            flags("--default-address-pool"), "base=CIDR,size=N", "Default address pools for node specific local networks",
            SettingType.addressPools(), List.of(), NO);
    static final Setting<String> NFT_TABLE = add("nft-table", flags("--nft-table"), "NAME",
            "Name of berthd's nftables table (lets two daemons share a host)", SettingType.string(Settings::nftTable),
            "berth", NO);

    static final List<Setting<?>> ALL = Collections.unmodifiableList(TABLE);

    private static final Pattern DOMAIN = Pattern.compile(
            "^\\.?(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)*[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.?$");
    private static final Pattern NFT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private Settings() {
    }

    static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    private static List<String> flags(String... names) {
        return List.of(names);
    }

    private static <T> Setting<T> add(String key, List<String> flags, String label, String description,
                                      SettingType<T> type, T defaultValue, Reload reload) {
        Setting<T> setting = new Setting<>(key, flags, true, label, description, type, defaultValue, reload);
        TABLE.add(setting);
        return setting;
    }

    private static <T> Setting<T> flagOnly(String key, List<String> flags, String label, String description,
                                           SettingType<T> type, T defaultValue) {
        Setting<T> setting = new Setting<>(key, flags, false, label, description, type, defaultValue, NO);
        TABLE.add(setting);
        return setting;
    }

    private static Path path(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("path is empty");
        }
        return Path.of(text).toAbsolutePath().normalize();
    }

    private static String label(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("bad attribute format: " + text);
        }
        if (eq == 0) {
            throw new IllegalArgumentException("invalid label '" + text + "': empty name");
        }
        return text;
    }

    private static String keyValue(String text) {
        if (text.indexOf('=') <= 0) {
            throw new IllegalArgumentException("must be formatted 'opt=value': " + text);
        }
        return text;
    }

    private static String execOpt(String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? "" : text.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : text.substring(eq + 1).trim();
        if (name.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException("invalid exec-opt (" + text + "): must be formatted 'opt=value'");
        }
        if (!name.equals("native.cgroupdriver")) {
            throw new IllegalArgumentException("invalid exec-opt (" + text + "): unknown option: '" + name + "'");
        }
        if (!value.equals("cgroupfs") && !value.equals("systemd")) {
            throw new IllegalArgumentException("invalid exec-opt (" + text + "): native.cgroupdriver option "
                    + value + " not supported (cgroupfs|systemd)");
        }
        return name + "=" + value;
    }

    private static String insecureRegistry(String text) {
        if (text.contains("://")) {
            throw new IllegalArgumentException("insecure registry " + text + " should not contain '://'");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("insecure registry is empty");
        }
        return text;
    }

    /** Like dockerd: http(s) only, nothing after the host, normalised to {@code scheme://host/}. */
    private static String mirror(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid mirror: \"" + text + "\" is not a valid URI");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("invalid mirror: unsupported scheme \"" + scheme + "\" in \"" + text + "\"");
        }
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!pathless || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("invalid mirror: path, query, or fragment at end of the URI \"" + text + "\"");
        }
        return scheme + "://" + uri.getRawAuthority() + "/";
    }

    private static String ip(String text) {
        Cidr.ip(text);
        return text;
    }

    private static String dnsSearch(String text) {
        if (text.equals(".") || DOMAIN.matcher(text).matches() && text.length() <= 255) {
            return text;
        }
        throw new IllegalArgumentException(text + " is not a valid domain");
    }

    private static String nftTable(String text) {
        if (!NFT_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("invalid nftables table name: " + text
                    + " (a letter, then letters, digits, '_' or '-', at most 64)");
        }
        return text;
    }
}
