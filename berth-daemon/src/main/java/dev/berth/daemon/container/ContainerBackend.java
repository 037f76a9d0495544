package dev.berth.daemon.container;

import dev.berth.daemon.config.DaemonConfig;
import dev.berth.daemon.events.EventLog;
import dev.berth.daemon.volume.LocalVolumes;
import dev.berth.daemon.volume.VolumeRoutes;
import dev.berth.http.Router;
import dev.berth.image.store.ImageRemover;
import dev.berth.image.store.ImageStore;
import dev.berth.runtime.OciRuntime;
import dev.berth.storage.Snapshotter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The container side of the engine, wired from the data-root and exec-root: the store, volumes,
 * the operations and their routes, restart policies and health checks. {@link #restore} picks up
 * what conmon kept running.
 */
public record ContainerBackend(ContainerContext context, ContainerCreator creator, ContainerRunner runner,
                               ContainerRemover remover, LocalVolumes volumes, ContainerRestarter restarter,
                               HealthMonitor health) {

    public static ContainerBackend open(Path dataRoot, Path execRoot, ImageStore images, Snapshotter snapshotter,
                                        Map<String, OciRuntime> runtimes, Supplier<DaemonConfig> config,
                                        EventLog events, dev.berth.network.NetworkController network) throws IOException {
        ContainerStore store = new ContainerStore(dataRoot.resolve("containers"));
        ContainerDns dns = new ContainerDns(network, () -> {
            List<String> own = config.get().network().dns();
            if (!own.isEmpty()) {
                return own;
            }
            try {
                return ContainerFiles.HostResolvConf.read().nameservers();
            } catch (IOException e) {
                return List.of();
            }
        });
        ContainerNetworking networking = new ContainerNetworking(network, store, dns, config);
        LocalVolumes volumes = new LocalVolumes(dataRoot.resolve("volumes"), events, snapshotter.idMap());
        volumes.usersFrom(name -> store.all().stream()
                .filter(c -> c.record().mounts().stream().anyMatch(m -> name.equals(m.name())))
                .map(c -> c.id().substring(0, 12)).toList());
        MountResolver mounts = new MountResolver(volumes, ref -> store.resolve(ref).record().mounts());
        ContainerContext ctx = new ContainerContext(store, images, snapshotter, runtimes, config, events, mounts,
                volumes, execRoot, networking);
        ContainerRunner runner = new ContainerRunner(ctx);
        ContainerRemover remover = new ContainerRemover(ctx, runner);
        ContainerRestarter restarter = new ContainerRestarter(ctx, runner);
        HealthMonitor health = new HealthMonitor(ctx, new HealthProbe(ctx));
        runner.onStart(c -> {
            restarter.started(c);
            health.started(c);
        });
        runner.onManualStop(restarter::cancel);
        runner.onExit(c -> {
            health.stop(c);
            if (!restarter.exited(c) && HostConfigView.of(c.record().hostConfig()).autoRemove()) {
                Thread.ofVirtual().start(() -> {
                    try {
                        remover.remove(c, true, true);
                    } catch (Exception e) {
                        dev.berth.daemon.config.Log.logger("berthd").log(System.Logger.Level.WARNING,
                                "auto-remove of " + c.id() + " failed: " + e.getMessage());
                    }
                });
            }
        });
        return new ContainerBackend(ctx, new ContainerCreator(ctx), runner, remover, volumes, restarter, health);
    }

    /** Which containers use an image, for {@code rmi}'s conflict rules. */
    public ImageRemover.ImageUsage imageUsage() {
        return (image, runningOnly) -> context.store().all().stream()
                .filter(c -> c.record().imageId().equals(image.toString()))
                .filter(c -> !runningOnly || c.record().state().running())
                .map(c -> c.id().substring(0, 12)).toList();
    }

    public void register(Router router) {
        new ContainerRoutes(context, creator, runner, remover).register(router);
        new ArchiveRoutes(context).register(router);
        new VolumeRoutes(volumes, context.events()).register(router);
        new ExecRoutes(context).register(router);
        new TopRoutes(context).register(router);
        new StatsRoutes(context).register(router);
        new UpdateRoutes(context).register(router);
    }

    /**
     * After a restart: running containers are watched (and health-checked) again, exits that happened
     * meanwhile recorded, then containers whose restart policy asks for it are started.
     */
    public void restore() {
        List<Container> all = List.copyOf(context.store().all());
        context.networking().restore(all);
        for (Container c : all) {
            runner.restore(c);
            health.resume(c);
        }
        restarter.startAfterRestore(all);
    }
}
