package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.client.ClientResponse;
import dev.berth.api.client.EngineError;
import dev.berth.cli.JsonTreeReader;
import dev.berth.cli.Query;
import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth cp}: container to host with {@code GET …/archive?path=} (a {@code -} destination gets the raw
 * tar), host to container with {@code HEAD …/archive} on the destination then a chunked
 * {@code PUT …/archive}, renaming the copied entry when the destination is not an existing directory.
 */
@Command(name = "cp", customSynopsis = "berth cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-",
        description = "Copy files/folders between a container and the local filesystem")
public final class CpCommand implements Callable<Integer> {
    private static final long DIR_BIT = 1L << 31;

    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)") boolean archive;
    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH") boolean followLink;
    // Accepted for docker's scripts: berth prints no progress, as docker does not when stderr is not a terminal.
    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output during copy") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "SRC DEST") List<String> args = new ArrayList<>();

    public CpCommand(Session session) {
        this.session = session;
    }

    /** {@code CONTAINER:PATH}, split; a local path with a colon must start with / or . to stay local, as in docker. */
    record Location(String container, String path) {
        static Location parse(String arg) {
            if (arg.startsWith("/") || arg.startsWith(".") || !arg.contains(":")) {
                return new Location(null, arg);
            }
            int colon = arg.indexOf(':');
            return new Location(arg.substring(0, colon), arg.substring(colon + 1));
        }
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 2, 2);
        Location source = Location.parse(args.get(0));
        Location dest = Location.parse(args.get(1));
        if (source.container() != null && dest.container() != null) {
            throw new StatusError(1, "copying between containers is not supported");
        }
        if (source.container() == null && dest.container() == null) {
            throw new StatusError(1, "must specify at least one container source");
        }
        try {
            if (source.container() != null) {
                fromContainer(source, dest.path());
            } else {
                toContainer(source.path(), dest);
            }
        } catch (EngineError e) {
            throw new StatusError(1, "Error response from daemon: " + e.getMessage());
        }
        return 0;
    }

    private void fromContainer(Location source, String dest) throws IOException {
        String request = Query.path("/containers/" + source.container() + "/archive").add("path", source.path()).toString();
        try (ClientResponse tar = session.client().get(request)) {
            if (dest.equals("-")) {
                tar.body().transferTo(session.out());
                session.out().flush();
                return;
            }
            Path target = Path.of(dest).toAbsolutePath();
            boolean sourceIsDir = stat(tar).map(s -> (s.path("mode").asLong() & DIR_BIT) != 0).orElse(false);
            if (Files.isDirectory(target)) {
                TarArchive.extract(tar.body(), target, null);
            } else if (dest.endsWith("/")) {
                throw new StatusError(1, "destination directory \"" + dest + "\" must exist");
            } else if (sourceIsDir && Files.exists(target)) {
                throw new StatusError(1, "cannot copy a directory to a file");
            } else {
                TarArchive.extract(tar.body(), target.getParent(), target.getFileName().toString());
            }
        }
    }

    private void toContainer(String source, Location dest) throws IOException {
        String container = dest.container();
        String destPath = dest.path().isEmpty() ? "/" : dest.path();
        Optional<JsonNode> destStat = headStat(container, destPath);
        boolean destIsDir = destStat.map(s -> (s.path("mode").asLong() & DIR_BIT) != 0).orElse(false);
        if (source.equals("-")) {
            if (!destIsDir) {
                throw new StatusError(1, "destination \"" + container + ":" + destPath + "\" must be a directory");
            }
            put(container, destPath, session.in());
            return;
        }
        Path local = Path.of(source);
        if (!Files.exists(local, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new StatusError(1, "lstat " + local.toAbsolutePath() + ": no such file or directory");
        }
        String name = local.toAbsolutePath().normalize().getFileName().toString();
        if (followLink) {
            local = local.toRealPath();
        }
        if (destIsDir) {
            upload(local, name, container, destPath);
            return;
        }
        if (destPath.endsWith("/")) {
            throw new StatusError(1, "Error response from daemon: Could not find the file " + destPath + " in container " + container);
        }
        String trimmed = destPath.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : trimmed.substring(0, slash);
        upload(local, trimmed.substring(slash + 1), container, parent);
    }

    /** Streams the tar through a pipe, so a large directory is never held in memory. */
    private void upload(Path local, String name, String container, String destDir) throws IOException {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try (out) {
                TarArchive.write(local, name, out);
            } catch (IOException e) {
                // The reader sees the pipe end early and the daemon rejects the archive.
            }
        });
        try {
            put(container, destDir, in);
        } finally {
            writer.interrupt();
        }
    }

    private void put(String container, String destDir, InputStream tar) throws IOException {
        Query query = Query.path("/containers/" + container + "/archive").add("noOverwriteDirNonDir", "true").add("path", destDir);
        if (archive) {
            query.add("copyUIDGID", "true");
        }
        String request = query.toString();
        session.client().upload("PUT", request, tar, "text/plain").close();
    }

    private Optional<JsonNode> headStat(String container, String path) throws IOException {
        try (ClientResponse head = session.client().head(Query.path("/containers/" + container + "/archive").add("path", path).toString())) {
            return stat(head);
        } catch (EngineError e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The base64 JSON in {@code X-Docker-Container-Path-Stat}. */
    private static Optional<JsonNode> stat(ClientResponse response) throws IOException {
        Optional<String> header = response.header("X-Docker-Container-Path-Stat");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(JsonTreeReader.read(Base64.getDecoder().decode(header.get().strip()
                .getBytes(StandardCharsets.US_ASCII))));
    }
}
