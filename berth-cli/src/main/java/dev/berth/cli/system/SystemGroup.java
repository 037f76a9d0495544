package dev.berth.cli.system;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth system}: the group; its subcommands are registered by the launcher as they are needed. */
@Command(name = "system", customSynopsis = "berth system COMMAND", description = "Manage Berth")
public final class SystemGroup {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
}
