package dev.berth.cli.network;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth network}: the group; its subcommands are registered by the launcher as they are needed. */
@Command(name = "network", customSynopsis = "berth network COMMAND", description = "Manage networks")
public final class NetworkGroup {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
}
