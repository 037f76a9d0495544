package dev.berth.daemon.distribution;

import dev.berth.daemon.config.RegistryConfig;
import dev.berth.daemon.events.EventLog;
import dev.berth.daemon.image.ImageBackend;
import dev.berth.http.ApiException;
import dev.berth.http.HttpRequest;
import dev.berth.http.HttpResponse;
import dev.berth.image.remote.BlobSources;
import dev.berth.image.remote.ImagePuller;
import dev.berth.image.remote.ImagePusher;
import dev.berth.image.remote.InsecureRegistries;
import dev.berth.image.remote.RegistryException;
import dev.berth.image.remote.RegistryLogin;
import dev.berth.image.remote.RegistryTransport;
import dev.berth.image.remote.RemoteOptions;
import dev.berth.oci.Digest;
import dev.berth.oci.Platform;
import dev.berth.oci.Reference;
import dev.berth.oci.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * berthd's side of pull, push and login: the Engine API handlers that read the client's
 * credentials, build the registry options from the current configuration (so a SIGHUP that changes
 * {@code insecure-registries} or {@code registry-mirrors} applies to the next pull) and stream
 * progress back.
 *
 * <pre>{@code
 * Distribution d = Distribution.open(images, events, dataRoot, () -> config.get().registry(), certsDir);
 * router.route("POST", "/images/{name:.+}/push", d::push);
 * }</pre>
 */
public final class Distribution {
    private final ImagePuller puller;
    private final ImagePusher pusher;
    private final EventLog events;
    private final Supplier<RegistryConfig> config;
    private final CertsDirectory certs;
    private RegistryTransport transport;
    private RegistryConfig transportConfig;

    private Distribution(ImagePuller puller, ImagePusher pusher, EventLog events, Supplier<RegistryConfig> config,
                         CertsDirectory certs) {
        this.puller = puller;
        this.pusher = pusher;
        this.events = events;
        this.config = config;
        this.certs = certs;
    }

    /** Wires pull and push onto the image stores; where layers live on registries is kept under the data-root. */
    public static Distribution open(ImageBackend images, EventLog events, Path dataRoot, Supplier<RegistryConfig> config,
                                    Path certsDir) throws IOException {
        BlobSources sources = new BlobSources(dataRoot.resolve("image").resolve("blob-sources"));
        return new Distribution(new ImagePuller(images.layers(), images.images(), sources,
                dataRoot.resolve("image").resolve("downloads")),
                new ImagePusher(images.content(), images.images(), sources), events, config, new CertsDirectory(certsDir));
    }

    /**
     * The transport for the current configuration: kept while the configuration stays the same, so
     * connections, and which endpoint of an insecure registry answered, carry over between pulls.
     */
    private synchronized RegistryTransport transport() {
        RegistryConfig c = config.get();
        if (transport == null || !c.equals(transportConfig)) {
            transport = new RegistryTransport(new RemoteOptions(InsecureRegistries.parse(c.insecureRegistries()),
                    c.mirrors().stream().map(URI::create).toList(), certs, c.maxConcurrentDownloads(),
                    c.maxConcurrentUploads(), c.maxDownloadAttempts()));
            transportConfig = c;
        }
        return transport;
    }

    /** {@code POST /images/create?fromImage=&tag=&platform=}. */
    public void pull(HttpRequest req, HttpResponse res) throws IOException {
        Reference ref = pullTarget(req.query("fromImage").orElse(""), req.query("tag").orElse(""));
        Optional<Platform> platform = req.query("platform").filter(p -> !p.isEmpty()).map(Platform::parse);
        RegistryAuth auth = RegistryAuth.fromHeader(req.header("X-Registry-Auth"));
        JsonProgress progress = new JsonProgress(res);
        run(progress, () -> {
            List<ImagePuller.Pulled> pulled = ref.tag().isEmpty() && ref.digest().isEmpty()
                    ? puller.pullAllTags(ref, platform, auth.credentials(), transport(), progress)
                    : List.of(puller.pull(ref, platform, auth.credentials(), transport(), progress));
            for (ImagePuller.Pulled p : pulled) {
                events.publish("image", "pull", p.reference().familiar(), Map.of("name", p.reference().familiar()));
            }
        });
    }

    /** The reference to pull; without a tag in either place it names the repository, whose every tag is pulled. */
    static Reference pullTarget(String fromImage, String tag) {
        if (fromImage.isEmpty()) {
            throw ApiException.invalidParameter("fromImage must be given to pull an image");
        }
        Reference ref = Reference.parse(fromImage);
        if (tag.isEmpty()) {
            return ref;
        }
        return Digest.isDigest(tag) ? ref.withDigest(Digest.parse(tag)) : ref.withTag(tag);
    }

    /** {@code POST /images/{name}/push?tag=}: every tag of the repository when none is given. */
    public void push(HttpRequest req, HttpResponse res) throws IOException {
        Reference named = Reference.parse(req.pathParam("name"));
        Optional<String> tag = req.query("tag").filter(t -> !t.isEmpty()).or(named::tag);
        Reference repository = new Reference(named.domain(), named.path(), Optional.empty(), Optional.empty());
        RegistryAuth auth = RegistryAuth.fromHeader(req.header("X-Registry-Auth"));
        JsonProgress progress = new JsonProgress(res);
        run(progress, () -> {
            for (var pushed : pusher.push(repository, tag, auth.credentials(), transport(), progress)) {
                String name = repository.familiarName() + ":" + pushed.tag();
                events.publish("image", "push", name, Map.of("name", name));
            }
        });
    }

    /** {@code POST /auth}: checks the credentials against the registry; the client stores them. */
    public void auth(HttpRequest req, HttpResponse res) throws IOException {
        RegistryAuth auth = req.json(RegistryAuth.class);
        try {
            RegistryLogin.check(auth.serverAddress(), auth.credentials(), transport());
        } catch (RegistryException e) {
            throw new ApiException(e.status(), e.getMessage(), e);
        } catch (IOException e) {
            throw new ApiException(500, e.getMessage(), e);
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("IdentityToken", "");
        body.put("Status", "Login Succeeded");
        res.json(200, body);
    }

    private interface Transfer {
        void run() throws IOException;
    }

    /** Runs a transfer: a failure before the first message is an HTTP error, after it an in-stream one. */
    private static void run(JsonProgress progress, Transfer transfer) throws IOException {
        try {
            transfer.run();
        } catch (RegistryException e) {
            fail(progress, e.status(), e.getMessage(), e);
        } catch (NotFoundException e) {
            fail(progress, 404, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            fail(progress, 500, e.getCause().getMessage(), e);
        } catch (IOException | RuntimeException e) {
            fail(progress, e instanceof IllegalArgumentException ? 400 : 500,
                    e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static void fail(JsonProgress progress, int status, String message, Exception cause) throws IOException {
        if (!progress.started()) {
            throw new ApiException(status, message, cause);
        }
        progress.error(message);
    }
}
