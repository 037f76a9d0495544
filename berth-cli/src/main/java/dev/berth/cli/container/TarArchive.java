package dev.berth.cli.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tar streams of {@code docker cp}: writing a host file or directory under a chosen top-level
 * name, and unpacking an archive from the daemon into a host directory with its top-level name
 * optionally replaced (docker's rename on copy). ustar headers, PAX {@code path}/{@code linkpath}
 * records for long names, GNU long names when reading.
 *
 * <p>Use: {@code TarArchive.write(Path.of("in.txt"), "renamed.txt", body);} and
 * {@code TarArchive.extract(tar, Path.of("."), "out.txt");}.
 */
public final class TarArchive {
    private static final int BLOCK = 512;

    private TarArchive() {
    }

    /** Writes {@code source} (recursively if a directory) with its top-level entry named {@code name}, then the end blocks. */
    public static void write(Path source, String name, OutputStream out) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) ? Files.walk(source) : Stream.of(source)) {
            paths = walk.sorted().toList();
        }
        for (Path path : paths) {
            String relative = source.relativize(path).toString();
            String entry = relative.isEmpty() ? name : name + "/" + relative;
            entry(path, entry, out);
        }
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }

    private static void entry(Path path, String name, OutputStream out) throws IOException {
        boolean link = Files.isSymbolicLink(path);
        boolean dir = !link && Files.isDirectory(path);
        String target = link ? Files.readSymbolicLink(path).toString() : "";
        long size = link || dir ? 0 : Files.size(path);
        int mode = mode(path, link);
        long mtime = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).to(java.util.concurrent.TimeUnit.SECONDS);
        String entryName = dir ? name + "/" : name;
        if (entryName.getBytes(StandardCharsets.UTF_8).length > 100 || target.getBytes(StandardCharsets.UTF_8).length > 100) {
            byte[] pax = (record("path", entryName) + (link ? record("linkpath", target) : "")).getBytes(StandardCharsets.UTF_8);
            out.write(header("PaxHeaders/" + shortName(entryName), 0644, pax.length, mtime, 'x', ""));
            out.write(pax);
            pad(out, pax.length);
        }
        out.write(header(shortName(entryName), mode, size, mtime, link ? '2' : dir ? '5' : '0', shortName(target)));
        if (size > 0) {
            try (InputStream in = Files.newInputStream(path)) {
                in.transferTo(out);
            }
            pad(out, size);
        }
    }

    private static int mode(Path path, boolean link) throws IOException {
        if (link) {
            return 0777;
        }
        int mode = 0;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static String shortName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 100 ? name : new String(bytes, 0, 100, StandardCharsets.UTF_8);
    }

    /** A PAX record: its own length in decimal, a space, key=value, newline. */
    private static String record(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        int total = length + Integer.toString(length).length();
        if (Integer.toString(total).length() != Integer.toString(length).length()) {
            total++;
        }
        return total + body;
    }

    private static byte[] header(String name, int mode, long size, long mtime, char type, String linkName) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        put(h, 157, 100, linkName.getBytes(StandardCharsets.UTF_8));
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void put(byte[] h, int at, int max, byte[] value) {
        System.arraycopy(value, 0, h, at, Math.min(max, value.length));
    }

    private static void octal(byte[] h, int at, int width, long value) {
        String text = String.format("%0" + (width - 1) + "o", value);
        put(h, at, width - 1, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /**
     * Unpacks {@code tar} under {@code dir}; when {@code rename} is given, the archive's first path
     * component becomes that name. Entries that would leave {@code dir} are refused.
     */
    public static void extract(InputStream tar, Path dir, String rename) throws IOException {
        Map<String, String> pax = new HashMap<>();
        String top = null;
        List<Path[]> links = new ArrayList<>();
        byte[] h = new byte[BLOCK];
        while (tar.readNBytes(h, 0, BLOCK) == BLOCK && h[0] != 0) {
            long size = parseOctal(h, 124, 12);
            char type = (char) h[156];
            if (type == 'x' || type == 'L' || type == 'K') {
                byte[] data = tar.readNBytes((int) size);
                skipPadding(tar, size);
                if (type == 'x') {
                    pax.putAll(parsePax(new String(data, StandardCharsets.UTF_8)));
                } else {
                    pax.put(type == 'L' ? "path" : "linkpath", cString(data, 0, data.length));
                }
                continue;
            }
            String name = pax.getOrDefault("path", fullName(h));
            String linkName = pax.getOrDefault("linkpath", cString(h, 157, 100));
            pax.clear();
            String first = name.split("/", 2)[0];
            top = top == null ? first : top;
            String renamed = rename != null && first.equals(top) ? rename + name.substring(first.length()) : name;
            Path target = dir.resolve(renamed).normalize();
            if (!target.startsWith(dir.normalize())) {
                throw new IOException("refusing to extract outside the destination: " + name);
            }
            write(tar, target, type, size, (int) parseOctal(h, 100, 8), linkName, links);
        }
        for (Path[] link : links) {
            Files.deleteIfExists(link[0]);
            Files.createLink(link[0], link[1]);
        }
    }

    private static void write(InputStream tar, Path target, char type, long size, int mode, String linkName, List<Path[]> links)
            throws IOException {
        switch (type) {
            case '5' -> Files.createDirectories(target);
            case '2' -> {
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(linkName));
            }
            case '1' -> links.add(new Path[] {target, target.getParent().resolve(linkName)});
            case '0', '\0', '7' -> {
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(tar, out, size);
                }
                skipPadding(tar, size);
                chmod(target, mode);
                return;
            }
            default -> {
            }
        }
        tar.skipNBytes(size);
        skipPadding(tar, size);
    }

    private static void chmod(Path target, int mode) throws IOException {
        Set<PosixFilePermission> perms = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                perms.add(all[i]);
            }
        }
        Files.setPosixFilePermissions(target, perms);
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[32 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("tar ends inside an entry");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skipPadding(InputStream tar, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            tar.skipNBytes(BLOCK - rest);
        }
    }

    private static Map<String, String> parsePax(String records) {
        Map<String, String> values = new HashMap<>();
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            int eq = line.indexOf('=');
            if (space > 0 && eq > space) {
                values.put(line.substring(space + 1, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private static String fullName(byte[] h) {
        String name = cString(h, 0, 100);
        String prefix = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar") ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int at, int max) {
        int end = at;
        while (end < at + max && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] h, int at, int width) {
        String text = cString(h, at, width).strip();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }
}
