package dev.berth.daemon.config;

import static dev.berth.daemon.config.Settings.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * berthd's whole configuration, as {@link DaemonConfigLoader} resolved it from the flags,
 * daemon.json and dockerd's defaults (with berth's paths). Immutable: a reload makes a new one.
 *
 * @param hosts                  where the API listens; the default unix socket when none was given
 * @param configFile             the daemon.json that was (or would have been) read
 * @param debug                  {@code -D}; turns the log level to debug (see {@link #effectiveLogLevel()})
 * @param group                  the unix socket's group, when that group exists
 * @param labels                 {@code key=value} engine labels
 * @param features               daemon.json {@code features}
 * @param shutdownTimeoutSeconds how long containers get to stop when berthd stops; -1 waits forever
 * @param settings               every setting by key, with where it came from
 */
public record DaemonConfig(List<DaemonHost> hosts, Path dataRoot, Path execRoot, Path pidFile, Path configFile,
                           String group, LogLevel logLevel, boolean debug, boolean experimental, List<String> labels,
                           Map<String, Boolean> features, int shutdownTimeoutSeconds, boolean liveRestore,
                           TlsConfig tls, StorageConfig storage, RegistryConfig registry, RuntimeConfig runtime,
                           NetworkConfig network, SettingValues settings) {

    public DaemonConfig {
        hosts = List.copyOf(hosts);
        labels = List.copyOf(labels);
        features = Map.copyOf(features);
    }

    /** Builds the typed view of resolved settings. */
    static DaemonConfig of(SettingValues s) {
        List<DaemonHost> hosts = s.get(HOSTS).isEmpty() ? List.of(DaemonHost.DEFAULT) : s.get(HOSTS);
        return new DaemonConfig(hosts, s.get(DATA_ROOT), s.get(EXEC_ROOT), s.get(PIDFILE), s.get(CONFIG_FILE),
                s.get(GROUP), s.get(LOG_LEVEL), s.get(DEBUG), s.get(EXPERIMENTAL), s.get(LABELS), s.get(FEATURES),
                s.get(SHUTDOWN_TIMEOUT), s.get(LIVE_RESTORE), tls(s),
                new StorageConfig(s.get(STORAGE_DRIVER), s.get(STORAGE_OPTS)),
                new RegistryConfig(s.get(INSECURE_REGISTRIES), s.get(REGISTRY_MIRRORS), s.get(MAX_CONCURRENT_DOWNLOADS),
                        s.get(MAX_CONCURRENT_UPLOADS), s.get(MAX_DOWNLOAD_ATTEMPTS)),
                new RuntimeConfig(s.get(DEFAULT_RUNTIME), s.get(RUNTIMES), s.get(EXEC_OPTS), s.get(CGROUP_PARENT),
                        s.get(DEFAULT_ULIMITS), s.get(DEFAULT_SHM_SIZE), s.get(USERNS_REMAP)),
                network(s), s);
    }

    private static TlsConfig tls(SettingValues s) {
        boolean verifyGiven = s.isSet(TLS_VERIFY.key());
        boolean enabled = s.get(TLS) || verifyGiven;
        boolean verify = verifyGiven ? s.get(TLS_VERIFY) : enabled;
        return new TlsConfig(enabled, verify, s.get(TLS_CA_CERT), s.get(TLS_CERT), s.get(TLS_KEY));
    }

    private static NetworkConfig network(SettingValues s) {
        return new NetworkConfig(s.get(MTU), s.get(BRIDGE), s.get(BIP), s.get(FIXED_CIDR), s.get(FIXED_CIDR_V6),
                s.get(DEFAULT_GATEWAY), s.get(DEFAULT_GATEWAY_V6), s.get(ICC), s.get(IP), s.get(IP_FORWARD),
                s.get(IP_MASQ), s.get(IPTABLES), s.get(IPV6), s.get(USERLAND_PROXY), s.get(DNS), s.get(DNS_OPTS),
                s.get(DNS_SEARCH), s.get(DEFAULT_ADDRESS_POOLS), s.get(NFT_TABLE));
    }

    /** The level the logger should run at: debug when {@code -D} is on, else {@code --log-level}. */
    public LogLevel effectiveLogLevel() {
        return debug ? LogLevel.DEBUG : logLevel;
    }
}
