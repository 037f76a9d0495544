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
    static final List<String> TOP_LEVEL = List.of("attach", "commit", "container", "cp", "create", "diff", "events", "exec",
            "export", "history", "image", "images", "import", "info", "inspect", "kill", "load", "login", "logout", "logs", "network",
            "pause", "port", "ps", "pull", "push", "rename", "restart", "rm", "rmi", "run", "save", "start", "stats", "stop", "system", "tag",
            "top", "unpause", "update", "version", "volume", "wait");
    static final List<String> CONTAINER = List.of("attach", "commit", "cp", "create", "diff", "exec", "export", "inspect", "kill",
            "logs", "ls", "pause", "port", "prune", "rename", "restart", "rm", "run", "start", "stats", "stop", "top", "unpause",
            "update", "wait");
    static final List<String> VOLUME = List.of("create", "inspect", "ls", "prune", "rm");
    static final List<String> NETWORK = List.of("connect", "create", "disconnect", "inspect", "ls", "prune", "rm");
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
            case "container" -> dev.berth.cli.container.ContainerGroup.class;
            case "run" -> dev.berth.cli.container.RunCommand.class;
            case "create" -> dev.berth.cli.container.CreateCommand.class;
            case "start" -> dev.berth.cli.container.StartCommand.class;
            case "stop" -> dev.berth.cli.container.StopCommand.class;
            case "restart" -> dev.berth.cli.container.RestartCommand.class;
            case "kill" -> dev.berth.cli.container.KillCommand.class;
            case "rm" -> dev.berth.cli.container.RmCommand.class;
            case "pause" -> dev.berth.cli.container.PauseCommand.class;
            case "unpause" -> dev.berth.cli.container.UnpauseCommand.class;
            case "wait" -> dev.berth.cli.container.WaitCommand.class;
            case "ps" -> dev.berth.cli.container.PsCommand.class;
            case "logs" -> dev.berth.cli.container.LogsCommand.class;
            case "inspect" -> dev.berth.cli.container.InspectCommand.class;
            case "exec" -> dev.berth.cli.container.ExecCommand.class;
            case "attach" -> dev.berth.cli.container.AttachCommand.class;
            case "rename" -> dev.berth.cli.container.RenameCommand.class;
            case "top" -> dev.berth.cli.container.TopCommand.class;
            case "port" -> dev.berth.cli.container.PortCommand.class;
            case "update" -> dev.berth.cli.container.UpdateCommand.class;
            case "cp" -> dev.berth.cli.container.CpCommand.class;
            case "diff" -> dev.berth.cli.container.DiffCommand.class;
            case "export" -> dev.berth.cli.container.ExportCommand.class;
            case "commit" -> dev.berth.cli.container.CommitCommand.class;
            case "stats" -> dev.berth.cli.container.StatsCommand.class;
            case "volume" -> dev.berth.cli.volume.VolumeGroup.class;
            case "network" -> dev.berth.cli.network.NetworkGroup.class;
            case "system" -> SystemGroup.class;
            default -> null;
        };
    }

    /** The subcommands of a group, or an empty list for a plain command. */
    static List<String> subcommands(String group) {
        return switch (group) {
            case "image" -> IMAGE;
            case "system" -> SYSTEM;
            case "container" -> CONTAINER;
            case "volume" -> VOLUME;
            case "network" -> NETWORK;
            default -> List.of();
        };
    }

    /** The name docker shows (in usage errors) for a subcommand typed by an alias: {@code network list} is {@code network ls}. */
    static String primaryName(String sub) {
        return switch (sub) {
            case "list", "ps" -> "ls";
            case "remove" -> "rm";
            default -> sub;
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
            case "container ls", "container list", "container ps" -> dev.berth.cli.container.PsCommand.class;
            case "container inspect" -> dev.berth.cli.container.ContainerInspectCommand.class;
            case "container prune" -> dev.berth.cli.container.ContainerPruneCommand.class;
            case "container rm", "container remove" -> dev.berth.cli.container.RmCommand.class;
            case "container create", "container run", "container start", "container stop", "container restart", "container kill",
                 "container pause", "container unpause", "container wait", "container logs", "container exec", "container attach",
                 "container rename", "container top", "container port", "container update", "container cp", "container diff",
                 "container export", "container commit", "container stats" -> topLevel(name);
            case "volume create" -> dev.berth.cli.volume.VolumeCreateCommand.class;
            case "volume ls", "volume list" -> dev.berth.cli.volume.VolumeLsCommand.class;
            case "volume inspect" -> dev.berth.cli.volume.VolumeInspectCommand.class;
            case "volume rm", "volume remove" -> dev.berth.cli.volume.VolumeRmCommand.class;
            case "volume prune" -> dev.berth.cli.volume.VolumePruneCommand.class;
            case "network connect" -> dev.berth.cli.network.NetworkConnectCommand.class;
            case "network create" -> dev.berth.cli.network.NetworkCreateCommand.class;
            case "network disconnect" -> dev.berth.cli.network.NetworkDisconnectCommand.class;
            case "network inspect" -> dev.berth.cli.network.NetworkInspectCommand.class;
            case "network ls", "network list" -> dev.berth.cli.network.NetworkLsCommand.class;
            case "network rm", "network remove" -> dev.berth.cli.network.NetworkRmCommand.class;
            case "network prune" -> dev.berth.cli.network.NetworkPruneCommand.class;
            case "system df" -> DfCommand.class;
            case "system info" -> InfoCommand.class;
            case "system events" -> EventsCommand.class;
            default -> null;
        };
    }
}
