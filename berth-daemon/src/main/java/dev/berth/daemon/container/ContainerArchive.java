package dev.berth.daemon.container;

import dev.berth.http.ApiException;
import dev.berth.linux.IdMap;
import dev.berth.oci.error.NotFoundException;
import dev.berth.storage.archive.DirectoryTar;
import dev.berth.storage.archive.LayerApplier;
import dev.berth.storage.archive.LayerEscapeException;
import dev.berth.storage.archive.WhiteoutMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker cp} and {@code docker export} on a container's files, running or not.
 *
 * <p>{@code docker cp ./in.txt c:/root/}: the CLI asks {@link #stat} for {@code /root/} (404 or a
 * directory), then {@link #extract} applies its tar there. {@code docker cp c:/root .} is one
 * {@link #archive}: the stat goes in a header and the tar has the entries {@code root/…}. A running
 * container is reached through its mounted rootfs; a stopped one's snapshot is mounted at a private
 * path for the duration, with the container locked so that it does not start meanwhile.
 */
public final class ContainerArchive {
    private final ContainerContext ctx;
    private final ContainerMounts mounts;

    public ContainerArchive(ContainerContext ctx) {
        this.ctx = ctx;
        this.mounts = new ContainerMounts(ctx);
    }

    /** The stat of a path, its last component not followed; Docker's 404 when it is missing. */
    public PathStat stat(Container c, String path, String ref) throws IOException {
        return mounts.with(c, fs -> statOf(fs, path, ref));
    }

    private static PathStat statOf(ContainerFs fs, String path, String ref) throws IOException {
        String resolved = fs.resolve(absolute(path), false);
        Path host = fs.host(resolved);
        BasicFileAttributes attrs = ContainerFs.lstat(host);
        if (attrs == null) {
            throw missing(path, ref);
        }
        String linkTarget = attrs.isSymbolicLink() ? fs.resolve(resolved, true) : "";
        return PathStat.of(host, baseName(path), linkTarget);
    }

    private static NotFoundException missing(String path, String ref) {
        return new NotFoundException("Could not find the file " + path + " in container " + ref);
    }

    /**
     * Streams the tar of a path: {@code head} is called with its stat before the first byte (the
     * response header), then the entries follow, named after the path's last component.
     */
    public void archive(Container c, String path, String ref, StatThenBody head) throws IOException {
        mounts.with(c, fs -> {
            PathStat stat = statOf(fs, path, ref);
            String resolved = fs.resolve(absolute(path), false);
            try (OutputStream out = head.begin(stat); TreeTar tar = TreeTar.on(out, ctx.snapshotter().idMap())) {
                tar.tree(resolved, stat.name(), fs::host);
            }
            ctx.event(c.record(), "archive-path", Map.of());
            return null;
        });
    }

    /** Receives the stat of what is about to be sent and returns where the tar goes. */
    @FunctionalInterface
    public interface StatThenBody {
        OutputStream begin(PathStat stat) throws IOException;
    }

    /**
     * Applies a tar inside the directory {@code path}. No write passes through a symlink that leads
     * out of it; a read-only rootfs or volume is Docker's 403.
     */
    public void extract(Container c, String path, String ref, InputStream tar, boolean noOverwriteDirNonDir,
                        boolean copyUidGid) throws IOException {
        mounts.with(c, fs -> {
            String resolved = fs.resolve(absolute(path), true);
            Path host = fs.host(resolved);
            BasicFileAttributes attrs = ContainerFs.lstat(host);
            if (attrs == null) {
                throw missing(path, ref);
            }
            if (!attrs.isDirectory()) {
                throw ApiException.invalidParameter("extraction point is not a directory");
            }
            checkWritable(c.record(), fs, resolved);
            Owner owner = copyUidGid ? Owner.of(fs, c.record().config().user()) : null;
            apply(tar, host, resolved, noOverwriteDirNonDir, owner, ctx.snapshotter().idMap());
            ctx.event(c.record(), "extract-to-dir", Map.of());
            return null;
        });
    }

    private static void checkWritable(ContainerRecord r, ContainerFs fs, String resolved) {
        var mount = fs.mountOf(resolved);
        if (mount.isPresent() && !mount.get().rw()) {
            throw ApiException.forbidden("mounted volume is marked read-only");
        }
        if (mount.isEmpty() && HostConfigView.of(r.hostConfig()).flag("ReadonlyRootfs")) {
            throw ApiException.forbidden("container rootfs is marked read-only");
        }
    }

    /**
     * The request's tar goes through a checking copy (Docker's {@code noOverwriteDirNonDir}, the
     * owner of {@code copyUIDGID}) into the applier, which confines every write to {@code dir} and stores the
     * owners as the host ids {@code ids} maps them to.
     */
    private static void apply(InputStream tar, Path dir, String containerDir, boolean noOverwriteDirNonDir, Owner owner,
                              IdMap ids) throws IOException {
        if (!noOverwriteDirNonDir && owner == null) {
            applyConfined(tar, dir, ids);
            return;
        }
        PipedInputStream checked = new PipedInputStream(256 * 1024);
        PipedOutputStream sink = new PipedOutputStream(checked);
        AtomicReference<Exception> refused = new AtomicReference<>();
        Thread copier = Thread.ofVirtual().name("cp-check").start(() -> {
            try (sink) {
                copyChecked(tar, sink, dir, containerDir, noOverwriteDirNonDir, owner);
            } catch (Exception e) {
                refused.set(e);
            }
        });
        try {
            applyConfined(checked, dir, ids);
        } catch (IOException e) {
            if (refused.get() == null) {
                throw e;
            }
        } finally {
            checked.close();
            try {
                copier.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Exception e = refused.get();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
    }

    private static void applyConfined(InputStream tar, Path dir, IdMap ids) throws IOException {
        try {
            LayerApplier.apply(tar, dir, WhiteoutMode.DELETE, ids);
        } catch (LayerEscapeException e) {
            throw ApiException.invalidParameter("%s", e.getMessage());
        }
    }

    private static void copyChecked(InputStream in, OutputStream out, Path dir, String containerDir,
                                    boolean noOverwriteDirNonDir, Owner owner) throws IOException {
        TarArchiveInputStream tin = new TarArchiveInputStream(in, "UTF-8");
        TarArchiveOutputStream tout = new TarArchiveOutputStream(out, "UTF-8");
        tout.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tout.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (TarArchiveEntry e = tin.getNextEntry(); e != null; e = tin.getNextEntry()) {
            if (noOverwriteDirNonDir) {
                refuseDirNonDir(e, dir, containerDir);
            }
            if (owner != null) {
                e.setUserId((long) owner.uid());
                e.setGroupId((long) owner.gid());
            }
            tout.putArchiveEntry(e);
            if (e.isFile() && !e.isLink()) {
                tin.transferTo(tout);
            }
            tout.closeArchiveEntry();
        }
        tout.finish();
    }

    /**
     * Docker's checks and messages (a 500 there too), before the entry touches the file system; the
     * paths are the container's where dockerd shows its own host paths.
     */
    private static void refuseDirNonDir(TarArchiveEntry e, Path dir, String containerDir) throws IOException {
        String name = e.getName();
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.equals(".")) {
            return;
        }
        String relative = ContainerFs.clean(name).substring(1);
        BasicFileAttributes attrs = ContainerFs.lstat(dir.resolve(relative));
        if (attrs == null) {
            return;
        }
        String existing = (containerDir.equals("/") ? "" : containerDir) + "/" + relative;
        if (attrs.isDirectory() && !e.isDirectory()) {
            throw ApiException.internal("cannot overwrite directory \"%s\" with non-directory \"%s\"", existing,
                    containerDir);
        }
        if (!attrs.isDirectory() && e.isDirectory()) {
            throw ApiException.internal("cannot overwrite non-directory \"%s\" with directory \"%s\"", existing,
                    containerDir);
        }
    }

    /** The whole file system as one tar, without volumes, as {@code docker export}. */
    public void export(Container c, OutputStream out) throws IOException {
        mounts.with(c, fs -> {
            DirectoryTar.write(fs.rootfs(), out, false, ctx.snapshotter().idMap());
            return null;
        });
        ctx.event(c.record(), "export", Map.of());
    }

    /** Docker's {@code filepath.Join("/", path)} with a trailing {@code /} or {@code /.} kept. */
    static String absolute(String path) {
        String clean = ContainerFs.clean(path);
        if (path.endsWith("/.") && !clean.equals("/")) {
            return clean + "/.";
        }
        if (path.endsWith("/") && !clean.equals("/")) {
            return clean + "/";
        }
        return clean;
    }

    /** Docker's {@code filepath.Base} of the absolute path: the name the tar's entries start with. */
    static String baseName(String path) {
        String abs = absolute(path);
        if (abs.endsWith("/.")) {
            return ".";
        }
        String trimmed = abs.endsWith("/") ? abs.substring(0, abs.length() - 1) : abs;
        if (trimmed.isEmpty()) {
            return "/";
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Who {@code copyUIDGID} makes the owner: the container's user, looked up in its own passwd and group. */
    record Owner(int uid, int gid) {
        static Owner of(ContainerFs fs, String user) throws IOException {
            if (user == null || user.isEmpty()) {
                return new Owner(0, 0);
            }
            String[] parts = user.split(":", 2);
            String[] passwd = find(fs, "/etc/passwd", parts[0], 2);
            int uid = parts[0].matches("\\d+") ? Integer.parseInt(parts[0]) : number(passwd, 2, user);
            int gid;
            if (parts.length == 2) {
                gid = parts[1].matches("\\d+") ? Integer.parseInt(parts[1])
                        : number(find(fs, "/etc/group", parts[1], 2), 2, user);
            } else {
                gid = passwd != null ? Integer.parseInt(passwd[3]) : 0;
            }
            return new Owner(uid, gid);
        }

        private static int number(String[] fields, int index, String user) {
            if (fields == null) {
                throw ApiException.invalidParameter("unable to find user %s: no matching entries in passwd file", user);
            }
            return Integer.parseInt(fields[index]);
        }

        /** The line whose name (field 0) or number (field {@code idField}) is {@code key}. */
        private static String[] find(ContainerFs fs, String file, String key, int idField) throws IOException {
            Path p = fs.host(fs.resolve(file, true));
            if (!Files.isRegularFile(p)) {
                return null;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.split(":");
                if (f.length > 3 && (f[0].equals(key) || f[idField].equals(key))) {
                    return f;
                }
            }
            return null;
        }
    }
}
