package dev.berth.linux;

/** A device's major and minor numbers, and their packing into glibc's 64-bit {@code dev_t}. */
public record DeviceNumber(int major, int minor) {
    public DeviceNumber {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("device numbers must not be negative: " + major + ":" + minor);
        }
    }

    /** Decodes a {@code st_rdev} value, such as the one from {@code Files.getAttribute(p, "unix:rdev")}. */
    public static DeviceNumber fromRdev(long rdev) {
        long major = ((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & ~0xfffL);
        long minor = (rdev & 0xffL) | ((rdev >>> 12) & ~0xffL);
        return new DeviceNumber((int) major, (int) minor);
    }

    public long rdev() {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }
}
