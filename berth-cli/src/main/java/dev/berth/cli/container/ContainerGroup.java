package dev.berth.cli.container;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth container}: the group; its subcommands are registered by the launcher as they are needed. */
@Command(name = "container", customSynopsis = "berth container COMMAND", description = "Manage containers")
public final class ContainerGroup {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
}
