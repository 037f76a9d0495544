package dev.berth.cli;

import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options every berth command accepts before its name, as docker's root command has them. */
@Command(name = "berth", customSynopsis = "berth [OPTIONS] COMMAND",
        description = "A self-sufficient runtime for containers", usageHelpAutoWidth = false)
public final class GlobalOptions {
    static final Set<String> TAKES_VALUE = Set.of("-H", "--host", "-l", "--log-level", "--config", "--tlscacert", "--tlscert", "--tlskey");
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error", "fatal");

    @Option(names = {"-H", "--host"}, description = "Daemon socket to connect to")
    String host;

    @Option(names = "--tls", description = "Use TLS; implied by --tlsverify")
    boolean tls;

    @Option(names = "--tlsverify", description = "Use TLS and verify the remote")
    boolean tlsVerify;

    @Option(names = "--tlscacert", description = "Trust certs signed only by this CA")
    Path caCert;

    @Option(names = "--tlscert", description = "Path to TLS certificate file")
    Path cert;

    @Option(names = "--tlskey", description = "Path to TLS key file")
    Path key;

    @Option(names = {"-D", "--debug"}, description = "Enable debug mode")
    boolean debug;

    // No picocli default: a default of "info" would be taken for the info command.
    @Option(names = {"-l", "--log-level"},
            description = "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")")
    String logLevel;

    @Option(names = "--config", description = "Location of client config files (default ~/.berth)")
    Path config;

    @Option(names = {"-v", "--version"}, description = "Print version information and quit")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print usage")
    boolean help;

    DaemonEndpoint.Flags endpointFlags() {
        return new DaemonEndpoint.Flags(host, tls, tlsVerify, caCert, cert, key);
    }

    void validate() {
        if (logLevel != null && !LOG_LEVELS.contains(logLevel)) {
            throw new StatusError(1, "Unable to parse logging level: " + logLevel);
        }
    }
}
