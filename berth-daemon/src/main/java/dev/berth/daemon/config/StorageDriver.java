package dev.berth.daemon.config;

/** The snapshotters berthd can put image layers and container roots on ({@code --storage-driver}). */
public enum StorageDriver {
    OVERLAY2("overlay2"), VFS("vfs");

    private final String name;

    StorageDriver(String name) {
        this.name = name;
    }

    public static StorageDriver parse(String text) {
        for (StorageDriver driver : values()) {
            if (driver.name.equals(text)) {
                return driver;
            }
        }
        throw new IllegalArgumentException("unknown storage driver: " + text + " (supported: overlay2, vfs)");
    }

    @Override
    public String toString() {
        return name;
    }
}
