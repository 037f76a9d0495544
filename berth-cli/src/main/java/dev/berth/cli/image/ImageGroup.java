package dev.berth.cli.image;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth image}: the group; its subcommands are registered by the launcher as they are needed. */
@Command(name = "image", customSynopsis = "berth image COMMAND", description = "Manage images")
public final class ImageGroup {
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
}
