package dev.berth.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A minimal root filesystem made from the host's statically linked busybox: {@code bin/busybox},
 * one symlink per applet next to it, the usual top-level directories and an {@code /etc/passwd}
 * and {@code /etc/group} with root and nobody. It is what {@code docker import} needs to give
 * tests a working {@code busybox} image without a registry.
 *
 * <p>The tar is deterministic (see {@link DeterministicTar}), so two builds on one host have one
 * digest. {@code paddingMb} adds that many MB of incompressible files under {@code /pad}, for
 * benchmarks that need a big layer.
 *
 * <p>From a shell: {@code java -cp … dev.berth.testkit.BusyboxRootfs OUT.tar [--size-mb N]}.
 */
public record BusyboxRootfs(Path busybox, List<String> applets, int paddingMb) {
    public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

    private static final Pattern APPLET = Pattern.compile("[A-Za-z0-9_.\\[\\]-]+");
    private static final int PAD_FILE_MB = 8;
    private static final int MB = 1 << 20;
    private static final List<String> DIRECTORIES =
            List.of("bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "usr/bin", "var");
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            nobody:x:65534:65534:nobody:/home:/bin/false
            """;
    private static final String GROUP = """
            root:x:0:
            nobody:x:65534:
            """;

    public BusyboxRootfs {
        applets = List.copyOf(applets);
        for (String a : applets) {
            if (!APPLET.matcher(a).matches() || a.equals("busybox")) {
                throw new IllegalArgumentException("not an applet name: '" + a + "'");
            }
        }
        if (paddingMb < 0) {
            throw new IllegalArgumentException("padding must be >= 0 MB, got " + paddingMb);
        }
    }

    /** The host's {@code /bin/busybox} with the applets it reports through {@code busybox --list}. */
    public static BusyboxRootfs fromHost() throws IOException {
        return new BusyboxRootfs(HOST_BUSYBOX, listApplets(HOST_BUSYBOX), 0);
    }

    /** Writes the host busybox rootfs, without padding, to {@code out}. */
    public static void writeTar(Path out) throws IOException {
        fromHost().writeTo(out);
    }

    /**
     * Writes the host's busybox rootfs into {@code dir} and imports it through the docker CLI as
     * {@code name} with {@code CMD ["sh"]}, like the busybox image people pull. Returns the tar.
     */
    public static Path importAs(DockerCli docker, Path dir, String name) throws IOException {
        Path tar = dir.resolve("busybox-rootfs.tar");
        writeTar(tar);
        docker.run("import", "-c", "CMD [\"sh\"]", tar.toString(), name).check();
        return tar;
    }

    public BusyboxRootfs withPaddingMb(int mb) {
        return new BusyboxRootfs(busybox, applets, mb);
    }

    public void writeTo(Path out) throws IOException {
        tar().writeTo(out);
    }

    private DeterministicTar tar() throws IOException {
        DeterministicTar tar = new DeterministicTar();
        for (String d : DIRECTORIES) {
            tar.directory(d, d.equals("tmp") ? 01777 : d.equals("root") ? 0700 : 0755);
        }
        long size = Files.size(busybox);
        tar.file("bin/busybox", 0755, size, () -> open(busybox));
        applets.forEach(a -> tar.symlink("bin/" + a, "busybox"));
        tar.file("etc/passwd", 0644, PASSWD.getBytes(StandardCharsets.UTF_8));
        tar.file("etc/group", 0644, GROUP.getBytes(StandardCharsets.UTF_8));
        addPadding(tar);
        return tar;
    }

    private void addPadding(DeterministicTar tar) {
        if (paddingMb == 0) {
            return;
        }
        tar.directory("pad", 0755);
        for (int i = 0, left = paddingMb; left > 0; i++, left -= PAD_FILE_MB) {
            long bytes = (long) Math.min(left, PAD_FILE_MB) * MB;
            long seed = i;
            tar.file("pad/%04d.bin".formatted(i), 0644, bytes, () -> new PseudoRandomStream(seed, bytes));
        }
    }

    private static List<String> listApplets(Path busybox) throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(busybox + " --list failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing busybox applets", e);
        }
        return out.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.equals("busybox")).sorted().toList();
    }

    private static InputStream open(Path p) {
        try {
            return Files.newInputStream(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--size-mb"))) {
            System.err.println("usage: BusyboxRootfs OUT.tar [--size-mb N]");
            System.exit(2);
        }
        int padding = args.length == 3 ? Integer.parseInt(args[2]) : 0;
        Path out = Path.of(args[0]);
        fromHost().withPaddingMb(padding).writeTo(out);
        System.out.println(out + " " + Files.size(out) + " bytes");
    }
}
