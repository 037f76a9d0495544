package dev.berth.network.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Turns one query's bytes into the reply's bytes: from the {@link Resolver}, from upstream, or an error. */
final class QueryAnswerer {
    private static final System.Logger LOG = System.getLogger(QueryAnswerer.class.getName());
    /** Docker's embedded DNS answers its own names with this TTL. */
    static final long TTL_SECONDS = 600;
    private static final int MAX_TCP_MESSAGE = 65535;

    private final Resolver resolver;
    private final UpstreamForwarder upstream;

    QueryAnswerer(Resolver resolver, UpstreamForwarder upstream) {
        this.resolver = resolver;
        this.upstream = upstream;
    }

    /** The reply to send; empty when nothing should be sent (not a query, or not even a DNS header). */
    Optional<byte[]> answer(byte[] wire, boolean tcp) {
        DnsMessage query;
        try {
            query = DnsMessage.parse(wire);
        } catch (DnsFormatException e) {
            LOG.log(System.Logger.Level.DEBUG, "malformed query: {0}", e.getMessage());
            return DnsMessage.formatError(wire);
        }
        if (query.isResponse()) {
            return Optional.empty();
        }
        int limit = tcp ? MAX_TCP_MESSAGE : query.maxUdpReplySize();
        if (query.opcode() != DnsMessage.OPCODE_QUERY) {
            return Optional.of(query.reply(DnsMessage.RCODE_NOTIMP, List.of()).fitting(limit).encode());
        }
        if (query.questions().size() != 1) {
            return Optional.of(query.reply(DnsMessage.RCODE_FORMERR, List.of()).fitting(limit).encode());
        }
        DnsQuestion question = query.questions().getFirst();
        Optional<List<InetAddress>> known;
        try {
            known = resolver.lookup(question.name().lookupKey());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "resolver failed on " + question.name(), e);
            return Optional.of(query.reply(DnsMessage.RCODE_SERVFAIL, List.of()).fitting(limit).encode());
        }
        if (known.isPresent()) {
            return Optional.of(query.reply(DnsMessage.RCODE_NOERROR, records(question, known.get()))
                    .fitting(limit).encode());
        }
        if (!upstream.hasServers()) {
            return Optional.of(query.reply(DnsMessage.RCODE_NXDOMAIN, List.of()).fitting(limit).encode());
        }
        Optional<byte[]> forwarded = upstream.forward(wire, query, tcp);
        if (forwarded.isEmpty()) {
            return Optional.of(query.reply(DnsMessage.RCODE_SERVFAIL, List.of()).fitting(limit).encode());
        }
        return Optional.of(fit(forwarded.get(), query, limit));
    }

    /** A, AAAA: the addresses of that family. Anything else about a name of ours: no records, no error. */
    private static List<DnsRecord> records(DnsQuestion question, List<InetAddress> addresses) {
        if (question.dnsClass() != DnsRecord.CLASS_IN) {
            return List.of();
        }
        Class<? extends InetAddress> family = switch (question.type()) {
            case DnsRecord.TYPE_A -> Inet4Address.class;
            case DnsRecord.TYPE_AAAA -> Inet6Address.class;
            default -> null;
        };
        if (family == null) {
            return List.of();
        }
        return addresses.stream().filter(family::isInstance)
                .map(a -> DnsRecord.address(question.name(), a, TTL_SECONDS)).toList();
    }

    /** An upstream reply as is, or cut to its question with TC set when the client cannot take it whole. */
    private static byte[] fit(byte[] reply, DnsMessage query, int limit) {
        if (reply.length <= limit) {
            return reply;
        }
        try {
            return DnsMessage.truncate(reply);
        } catch (DnsFormatException e) {
            return query.reply(DnsMessage.RCODE_SERVFAIL, List.of()).fitting(limit).encode();
        }
    }
}
