package dev.berth.image.remote;

import java.net.URI;
import java.util.List;

/**
 * How berthd reaches registries, read afresh for every pull and push so a reload applies to the
 * next one.
 *
 * @param mirrors                 tried in order before Docker Hub for Docker Hub names, e.g. {@code http://127.0.0.1:5000/}
 * @param maxConcurrentDownloads  layers downloaded at once by one pull
 * @param maxConcurrentUploads    layers uploaded at once by one push
 * @param maxDownloadAttempts     tries per blob before a pull fails
 */
public record RemoteOptions(InsecureRegistries insecure, List<URI> mirrors, RegistryTls tls,
                            int maxConcurrentDownloads, int maxConcurrentUploads, int maxDownloadAttempts) {
    public static final String DOCKER_HUB_ORIGIN = "https://registry-1.docker.io";

    public RemoteOptions {
        mirrors = List.copyOf(mirrors);
        maxConcurrentDownloads = Math.max(1, maxConcurrentDownloads);
        maxConcurrentUploads = Math.max(1, maxConcurrentUploads);
        maxDownloadAttempts = Math.max(1, maxDownloadAttempts);
    }

    /** dockerd's defaults with the JDK's trust: 3 downloads, 5 uploads, 5 attempts. */
    public static RemoteOptions defaults() {
        return new RemoteOptions(InsecureRegistries.none(), List.of(), RegistryTls.system(), 3, 5, 5);
    }

    /**
     * Where to reach {@code registry}, in the order to try: for pulls of Docker Hub names the
     * mirrors first; then HTTPS; then plain HTTP, only when the registry is insecure or on loopback.
     */
    public List<URI> endpoints(String registry, boolean withMirrors) {
        if (registry.equals("docker.io")) {
            List<URI> origin = List.of(URI.create(DOCKER_HUB_ORIGIN));
            if (!withMirrors) {
                return origin;
            }
            return java.util.stream.Stream.concat(mirrors.stream(), origin.stream()).toList();
        }
        URI https = URI.create("https://" + registry);
        return insecure.allowsPlainHttp(registry) ? List.of(https, URI.create("http://" + registry)) : List.of(https);
    }
}
