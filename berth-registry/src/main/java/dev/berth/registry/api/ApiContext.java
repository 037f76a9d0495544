package dev.berth.registry.api;

import dev.berth.http.HttpRequest;
import dev.berth.oci.Digest;
import dev.berth.registry.auth.AccessController;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.errcode.ErrorCode;
import dev.berth.registry.notify.Event;
import dev.berth.registry.notify.EventSink;
import dev.berth.registry.proxy.PullThrough;
import dev.berth.registry.store.BlobStore;
import dev.berth.registry.store.ManifestStore;
import dev.berth.registry.store.Repositories;
import dev.berth.registry.store.RepositoryName;
import dev.berth.registry.store.Uploads;
import java.util.List;
import java.util.Optional;

/** What the route handlers share: the stores, URL building, access control and the switches of config.yml. */
public record ApiContext(BlobStore blobs, Uploads uploads, ManifestStore manifests, Repositories repositories,
                         Urls urls, AccessController access, boolean deleteEnabled, boolean readOnly,
                         int catalogMaxEntries, EventSink events, Optional<PullThrough> proxy) {

    /** A repository a request addresses, and the user it was authorized for (empty when anonymous). */
    record Target(RepositoryName name, Optional<String> user) {
    }

    /** The {@code name} path parameter, validated; checks that the caller may do {@code actions} on it. */
    Target repository(HttpRequest request, String... actions) {
        RepositoryName name = RepositoryName.parse(request.pathParam("name"));
        return new Target(name, access.authorize(request, List.of(Scope.repository(name.value(), actions))));
    }

    /** As {@link #repository}, for requests that change the registry: refused in read-only and proxy mode. */
    Target writableRepository(HttpRequest request, String... actions) {
        Target target = repository(request, actions);
        if (proxy.isPresent()) {
            throw ErrorCode.UNSUPPORTED.withMessage("The operation is unsupported.",
                    "registry is a pull-through cache");
        }
        if (readOnly) {
            throw ErrorCode.UNSUPPORTED.withMessage("The operation is unsupported.", "registry is read-only");
        }
        return target;
    }

    /** Reports an event to the notification endpoints. */
    void emit(HttpRequest request, String action, Target target, String mediaType, Digest digest, long size,
              Optional<String> tag, String url) {
        events.emit(new Event(java.util.UUID.randomUUID().toString(), java.time.Instant.now(), action,
                target.name().value(), mediaType, digest, size, tag, url, target.user(), request.method(),
                request.header("User-Agent")));
    }

    void requireDelete() {
        if (!deleteEnabled) {
            throw ErrorCode.UNSUPPORTED.withMessage("The operation is unsupported.", "delete is disabled");
        }
    }

    static Digest digest(String value) {
        try {
            return Digest.parse(value);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.DIGEST_INVALID.withMessage("invalid digest: " + e.getMessage(), value);
        }
    }
}
