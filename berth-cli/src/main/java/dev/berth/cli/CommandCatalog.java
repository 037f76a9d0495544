package dev.berth.cli;

import dev.berth.cli.image.HistoryCommand;
import dev.berth.cli.image.ImageGroup;
import dev.berth.cli.image.ImageInspectCommand;
import dev.berth.cli.image.ImagePruneCommand;
import dev.berth.cli.image.ImagesCommand;
import dev.berth.cli.image.ImportCommand;
import dev.berth.cli.image.LoadCommand;
import dev.berth.cli.image.RmiCommand;
import dev.berth.cli.image.SaveCommand;
import dev.berth.cli.image.TagCommand;
import dev.berth.cli.system.DfCommand;
import dev.berth.cli.system.EventsCommand;
import dev.berth.cli.system.InfoCommand;
import dev.berth.cli.system.SystemGroup;
import dev.berth.cli.system.VersionCommand;
import java.util.List;

/**
 * The command names berth knows, mapped to their classes one switch arm at a time, so that a run
 * only loads (and has picocli read the annotations of) the command it executes.
 */
final class CommandCatalog {
    static final List<String> TOP_LEVEL = List.of("events", "history", "image", "images", "import", "info", "load",
            "login", "logout", "pull", "push", "rmi", "save", "system", "tag", "version");
    static final List<String> IMAGE = List.of("history", "import", "inspect", "load", "ls", "prune", "pull", "push", "rm",
            "save", "tag");
    static final List<String> SYSTEM = List.of("df", "events", "info");

    private CommandCatalog() {
    }

    static Class<?> topLevel(String name) {
        return switch (name) {
            case "version" -> VersionCommand.class;
            case "info" -> InfoCommand.class;
            case "images" -> ImagesCommand.class;
            case "tag" -> TagCommand.class;
            case "rmi" -> RmiCommand.class;
            case "import" -> ImportCommand.class;
            case "save" -> SaveCommand.class;
            case "load" -> LoadCommand.class;
            case "history" -> HistoryCommand.class;
            case "events" -> EventsCommand.class;
            case "pull" -> dev.berth.cli.registry.PullCommand.class;
            case "push" -> dev.berth.cli.registry.PushCommand.class;
            case "login" -> dev.berth.cli.registry.LoginCommand.class;
            case "logout" -> dev.berth.cli.registry.LogoutCommand.class;
            case "image" -> ImageGroup.class;
            case "system" -> SystemGroup.class;
            default -> null;
        };
    }

    /** The subcommands of a group, or an empty list for a plain command. */
    static List<String> subcommands(String group) {
        return switch (group) {
            case "image" -> IMAGE;
            case "system" -> SYSTEM;
            default -> List.of();
        };
    }

    static Class<?> subcommand(String group, String name) {
        return switch (group + " " + name) {
            case "image ls", "image list" -> ImagesCommand.class;
            case "image inspect" -> ImageInspectCommand.class;
            case "image rm", "image remove" -> RmiCommand.class;
            case "image tag" -> TagCommand.class;
            case "image import" -> ImportCommand.class;
            case "image save" -> SaveCommand.class;
            case "image load" -> LoadCommand.class;
            case "image history" -> HistoryCommand.class;
            case "image prune" -> ImagePruneCommand.class;
            case "image pull" -> dev.berth.cli.registry.PullCommand.class;
            case "image push" -> dev.berth.cli.registry.PushCommand.class;
            case "system df" -> DfCommand.class;
            case "system info" -> InfoCommand.class;
            case "system events" -> EventsCommand.class;
            default -> null;
        };
    }
}
