package dev.berth.registry.notify;

import dev.berth.oci.Digest;
import java.time.Instant;
import java.util.Optional;

/**
 * Something clients did that notification endpoints hear about: a manifest or blob pushed, pulled, mounted or
 * deleted ({@code action} is push, pull, mount or delete), with the target and who did it.
 */
public record Event(String id, Instant timestamp, String action, String repository, String mediaType,
                    Digest digest, long size, Optional<String> tag, String url, Optional<String> user,
                    String method, Optional<String> userAgent) {
}
