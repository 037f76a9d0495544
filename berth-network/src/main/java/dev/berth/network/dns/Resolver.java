package dev.berth.network.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The names an {@link EmbeddedDns} answers itself: for a container on a user-defined network, the
 * containers, aliases and short ids it can reach.
 *
 * <pre>{@code
 * Resolver names = name -> switch (name) {
 *     case "web", "web.frontend" -> Optional.of(List.of(webV4, webV6));  // A gets webV4, AAAA webV6
 *     case "cache" -> Optional.of(List.of());     // known, no address yet: NOERROR with no answers
 *     default -> Optional.empty();                // unknown: forwarded upstream
 * };
 * }</pre>
 *
 * Called on the server's virtual threads, concurrently; it should answer from memory, quickly, and must be
 * thread-safe. A thrown exception makes the query fail with SERVFAIL.
 */
@FunctionalInterface
public interface Resolver {
    /**
     * The addresses of {@code name} (lower-case, no trailing dot, as {@link DnsName#lookupKey()}), IPv4 and
     * IPv6 mixed; {@link Optional#empty()} when the name is not one of ours and must be asked upstream.
     */
    Optional<List<InetAddress>> lookup(String name);
}
