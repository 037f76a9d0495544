/**
 * The embedded DNS server berthd runs for each container on a user-defined network (Docker's 127.0.0.11):
 * {@link dev.berth.network.dns.EmbeddedDns} serves, a {@link dev.berth.network.dns.Resolver} names the
 * containers, and {@link dev.berth.network.dns.DnsMessage} with its names, questions and records is the wire
 * format (RFC 1035, EDNS per RFC 6891).
 */
package dev.berth.network.dns;
