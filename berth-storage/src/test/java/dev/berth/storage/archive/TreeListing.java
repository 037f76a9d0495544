package dev.berth.storage.archive;

import dev.berth.linux.DeviceNumber;
import dev.berth.linux.Nodes;
import dev.berth.linux.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One line per node under a root, with everything a layer must preserve, to compare trees in tests. */
public final class TreeListing {
    private TreeListing() {
    }

    public static List<String> of(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                if (!p.equals(root)) {
                    lines.add(describe(root, p));
                }
            }
        }
        return lines;
    }

    public static String describe(Path root, Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,nlink,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (int) a.get("mode");
        StringBuilder line = new StringBuilder(root.relativize(p).toString());
        line.append(' ').append(Integer.toOctalString(mode)).append(' ').append(a.get("uid")).append(':').append(a.get("gid"));
        int type = mode & Nodes.S_IFMT;
        if (type != Nodes.S_IFLNK && type != Nodes.S_IFDIR) {
            line.append(" mtime=").append(a.get("lastModifiedTime"));
        }
        if (type == Nodes.S_IFDIR) {
            line.append(" dir-mtime=").append(a.get("lastModifiedTime"));
        }
        switch (type) {
            case Nodes.S_IFREG -> line.append(" nlink=").append(a.get("nlink"))
                    .append(" content=").append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            case Nodes.S_IFLNK -> line.append(" -> ").append(Files.readSymbolicLink(p));
            case Nodes.S_IFCHR, Nodes.S_IFBLK -> line.append(" dev=").append(DeviceNumber.fromRdev((long) a.get("rdev")));
            default -> { }
        }
        for (String name : Xattrs.llistxattr(p).stream().sorted().toList()) {
            line.append(' ').append(name).append('=').append(HexFormat.of().formatHex(Xattrs.lgetxattr(p, name).orElseThrow()));
        }
        return line.toString();
    }
}
