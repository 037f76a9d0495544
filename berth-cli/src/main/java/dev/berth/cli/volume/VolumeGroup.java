package dev.berth.cli.volume;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth volume}: the group; its subcommands are registered by the launcher as they are needed. */
@Command(name = "volume", customSynopsis = "berth volume COMMAND", description = "Manage volumes")
public final class VolumeGroup {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
}
