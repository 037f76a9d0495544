package dev.berth.daemon.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where containers get their volumes: a named volume is found or created, an anonymous one is
 * created with a fresh name. The engine calls it while resolving mounts at create time.
 */
public interface VolumeProvider {

    /**
     * @param name empty for an anonymous volume
     * @param imageContent the image directory to copy into the volume when it is new and empty, if any
     */
    Volume acquire(String name, Map<String, String> driverOptions, Map<String, String> labels) throws IOException;

    /** Copies image content into a volume that is still empty (Docker does this on first use, unless nocopy). */
    void populate(String name, Path imageDirectory) throws IOException;

    /** Removes an anonymous volume when its container is removed with {@code -v}. */
    void removeAnonymous(String name) throws IOException;

    /** A volume's name, host directory and driver. */
    record Volume(String name, Path mountpoint, String driver, boolean anonymous) {
    }

    /** Until the volume subsystem is present, named volumes are refused with a clear message. */
    VolumeProvider NONE = new VolumeProvider() {
        @Override
        public Volume acquire(String name, Map<String, String> driverOptions, Map<String, String> labels) {
            throw new dev.berth.oci.error.InvalidArgumentException("volumes are not supported by this daemon yet");
        }

        @Override
        public void populate(String name, Path imageDirectory) {
        }

        @Override
        public void removeAnonymous(String name) {
        }
    };
}
