package dev.berth.daemon.container;

import dev.berth.daemon.config.DaemonConfig;
import dev.berth.daemon.events.EventLog;
import dev.berth.image.store.ImageStore;
import dev.berth.runtime.OciRuntime;
import dev.berth.storage.Snapshotter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** What the container operations share: stores, the snapshotter, the runtimes, events and paths. */
public record ContainerContext(ContainerStore store, ImageStore images, Snapshotter snapshotter,
                               Map<String, OciRuntime> runtimes, Supplier<DaemonConfig> config, EventLog events,
                               MountResolver mounts, VolumeProvider volumes, Path execRoot,
                               ContainerNetworking networking) {

    public OciRuntime runtime(ContainerRecord r) {
        OciRuntime rt = runtimes.get(r.runtime());
        if (rt == null) {
            throw new dev.berth.oci.error.InvalidArgumentException("unknown or invalid runtime name: " + r.runtime());
        }
        return rt;
    }

    /** Where the container's rootfs is mounted and its bundle and conmon state live while it runs. */
    public Path runDir(String id) {
        return execRoot.resolve("containers").resolve(id);
    }

    public Path logPath(String id) {
        return store.dir(id).resolve("container.log");
    }

    /** Publishes a container event with Docker's attributes: image, name and the container's labels. */
    public void event(ContainerRecord r, String action, Map<String, String> extra) {
        Map<String, String> attrs = new java.util.TreeMap<>();
        if (r.config().labels() != null) {
            attrs.putAll(r.config().labels());
        }
        attrs.put("image", r.config().image());
        attrs.put("name", r.shortName());
        attrs.putAll(extra);
        events.publish("container", action, r.id(), attrs);
    }
}
