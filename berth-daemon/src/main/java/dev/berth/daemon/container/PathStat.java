package dev.berth.daemon.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * What {@code docker cp} learns about a container path before copying, sent as the
 * {@code X-Docker-Container-Path-Stat} header: standard base64 of
 * {@code {"name":"root","size":4096,"mode":2147484141,"mtime":"…","linkTarget":""}}, where
 * {@code mode} is a Go {@code os.FileMode} (permission bits plus type bits in the high bits).
 */
public record PathStat(@JsonProperty("name") String name, @JsonProperty("size") long size,
                       @JsonProperty("mode") long mode, @JsonProperty("mtime") String mtime,
                       @JsonProperty("linkTarget") String linkTarget) {
    public static final String HEADER = "X-Docker-Container-Path-Stat";

    static final long MODE_DIR = 1L << 31;
    static final long MODE_SYMLINK = 1L << 27;
    static final long MODE_DEVICE = 1L << 26;
    static final long MODE_NAMED_PIPE = 1L << 25;
    static final long MODE_SOCKET = 1L << 24;
    static final long MODE_SETUID = 1L << 23;
    static final long MODE_SETGID = 1L << 22;
    static final long MODE_CHAR_DEVICE = 1L << 21;
    static final long MODE_STICKY = 1L << 20;

    /** The stat of {@code host} (not following a final symlink) under the name the client asked for. */
    public static PathStat of(Path host, String name, String linkTarget) throws IOException {
        Map<String, Object> a = Files.readAttributes(host, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        return new PathStat(name, (long) a.get("size"), goFileMode((int) a.get("mode")),
                goTime(((FileTime) a.get("lastModifiedTime")).toInstant()), linkTarget);
    }

    /** Go's {@code os.FileMode} for a {@code st_mode}, as {@code os.Lstat} builds it. */
    public static long goFileMode(int unixMode) {
        long mode = unixMode & 0777;
        mode |= switch (unixMode & 0170000) {
            case 0040000 -> MODE_DIR;
            case 0120000 -> MODE_SYMLINK;
            case 0060000 -> MODE_DEVICE;
            case 0020000 -> MODE_DEVICE | MODE_CHAR_DEVICE;
            case 0010000 -> MODE_NAMED_PIPE;
            case 0140000 -> MODE_SOCKET;
            default -> 0;
        };
        if ((unixMode & 04000) != 0) {
            mode |= MODE_SETUID;
        }
        if ((unixMode & 02000) != 0) {
            mode |= MODE_SETGID;
        }
        if ((unixMode & 01000) != 0) {
            mode |= MODE_STICKY;
        }
        return mode;
    }

    public boolean isDirectory() {
        return (mode & MODE_DIR) != 0;
    }

    /** Go's RFC 3339 with nanoseconds: trailing zeros of the fraction dropped, UTC as {@code Z}. */
    static String goTime(Instant t) {
        String base = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME
                .format(t.atOffset(java.time.ZoneOffset.UTC).withNano(0));
        if (t.getNano() == 0) {
            return base + "Z";
        }
        String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
        return base + "." + fraction + "Z";
    }

    /** The header value: standard base64 of the JSON. */
    public String header() {
        try {
            return Base64.getEncoder().encodeToString(Json.mapper().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
