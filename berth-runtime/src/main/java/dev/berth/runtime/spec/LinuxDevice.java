package dev.berth.runtime.spec;

/**
 * One device node the runtime creates inside the container ({@code linux.devices}).
 *
 * @param type {@code c} for a character device, {@code b} for a block device
 */
public record LinuxDevice(String path, String type, int major, int minor, int fileMode, int uid, int gid) {
    public LinuxDevice {
        if (!path.startsWith("/dev/")) {
            throw new IllegalArgumentException("a device lives under /dev: " + path);
        }
        if (!type.equals("c") && !type.equals("b")) {
            throw new IllegalArgumentException("device type must be c or b, got '" + type + "'");
        }
    }
}
