package dev.berth.registry.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's configuration, in distribution's config.yml shape (version 0.1), as validated values. Built only
 * by {@link ConfigLoader}, which rejects unknown keys and bad values naming them.
 */
public record RegistryConfig(Log log, Storage storage, Http http, Optional<Auth> auth, Health health,
                             List<Endpoint> notifications, Optional<Proxy> proxy, int catalogMaxEntries) {

    /** {@code log}: level, formatter (text, json, logfmt), fields added to every line, access log on or off. */
    public record Log(String level, String formatter, Map<String, String> fields, boolean accessLog) {
    }

    /** {@code storage}: one driver plus delete, cache and maintenance. */
    public record Storage(Driver driver, boolean deleteEnabled, boolean blobDescriptorCache,
                          UploadPurging uploadPurging, boolean readOnly) {
    }

    /** The storage driver section: {@code filesystem} (rootdirectory) or {@code inmemory}. */
    public sealed interface Driver {
        record Filesystem(Path rootDirectory) implements Driver {
        }

        record InMemory() implements Driver {
        }
    }

    /** {@code storage.maintenance.uploadpurging}: uploads older than age are removed every interval. */
    public record UploadPurging(boolean enabled, Duration age, Duration interval, boolean dryRun) {
    }

    /** {@code http}. */
    public record Http(String addr, String net, Optional<String> host, String prefix, Optional<String> secret,
                       Optional<Tls> tls, Map<String, List<String>> headers, boolean relativeUrls,
                       Duration drainTimeout, Optional<Debug> debug) {
    }

    /** {@code http.tls}: the server's certificate and key; client certificates required when clientcas is set. */
    public record Tls(Path certificate, Path key, List<Path> clientCas) {
    }

    /** {@code http.debug}: a second listener for health, metrics, diagnostics and the online garbage collector. */
    public record Debug(String addr, boolean prometheus, String prometheusPath) {
    }

    /** {@code auth}: exactly one of htpasswd, token, silly. */
    public sealed interface Auth {
        String realm();

        record Htpasswd(String realm, Path path) implements Auth {
        }

        record Token(String realm, String service, String issuer, Path rootCertBundle) implements Auth {
        }

        record Silly(String realm, String service) implements Auth {
        }
    }

    /** {@code health}: the storage driver check and any http and file checks. */
    public record Health(StorageCheck storageDriver, List<HttpCheck> http, List<FileCheck> file) {
    }

    public record StorageCheck(boolean enabled, Duration interval, int threshold) {
    }

    public record HttpCheck(URI uri, Map<String, List<String>> headers, int statusCode, Duration timeout,
                            Duration interval, int threshold) {
    }

    public record FileCheck(Path file, Duration interval) {
    }

    /** {@code notifications.endpoints[]}: a webhook receiving event envelopes. */
    public record Endpoint(String name, URI url, Map<String, List<String>> headers, Duration timeout, int threshold,
                           Duration backoff, boolean disabled, List<String> ignoredMediaTypes) {
    }

    /** {@code proxy}: a pull-through cache of remoteurl. */
    public record Proxy(URI remoteUrl, Optional<String> username, Optional<String> password, Duration ttl) {
    }
}
