package dev.berth.cli.container;

import dev.berth.cli.format.GoStrings;
import dev.berth.cli.network.IpAddress;
import dev.berth.cli.network.NetworkFlags;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks docker's flag types make on run's name-resolution flags while parsing them
 * ({@code --dns}, {@code --dns-search}, {@code --add-host}, {@code --link}); a refused value is an
 * {@link InvalidFlag}, an accepted one comes back the way docker sends it.
 */
final class HostFlags {
    private static final Pattern LETTER = Pattern.compile("[a-zA-Z]");
    /** docker's domainRegexp, its {@code (:?} typos (an optional colon, not a non-capturing group) included. */
    private static final Pattern DOMAIN = Pattern.compile(
            "^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9]))(:?\\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])))*)\\.?\\s*$");
    private static final String HOST_GATEWAY = "host-gateway";

    private HostFlags() {
    }

    /** opts.ValidateIPAddress: the address in Go's canonical form ({@code 0:0::1} is sent as {@code ::1}). */
    static String dns(String value) {
        return IpAddress.parse(value.strip()).map(IpAddress::toString)
                .orElseThrow(() -> new InvalidFlag("--dns", value, "IP address is not correctly formatted: " + value));
    }

    /** opts.ValidateDNSSearch: {@code .}, or a domain, sent without its trailing dot. */
    static String dnsSearch(String value) {
        String trimmed = value.replaceAll("^ +| +$", "");
        if (trimmed.equals(".")) {
            return trimmed;
        }
        Matcher m = DOMAIN.matcher(trimmed);
        if (LETTER.matcher(trimmed).find() && m.find() && m.group(1).length() < 255) {
            return m.group(1);
        }
        throw new InvalidFlag("--dns-search", value, trimmed + " is not a valid domain");
    }

    /** opts.ValidateExtraHost: {@code host:ip} or {@code host=ip}, sent as {@code host:ip} with any brackets gone. */
    static String extraHost(String value) {
        int eq = value.indexOf('=');
        int cut = eq >= 0 ? eq : value.indexOf(':');
        String host = cut < 0 ? "" : value.substring(0, cut);
        if (cut < 0 || host.isEmpty() || host.contains(":")) {
            throw new InvalidFlag("--add-host", value, "bad format for add-host: " + GoStrings.quote(value));
        }
        String ip = value.substring(cut + 1);
        if (!ip.equals(HOST_GATEWAY)) {
            if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
            if (IpAddress.parse(ip.strip()).isEmpty()) {
                throw new InvalidFlag("--add-host", value, "invalid IP address in add-host: " + GoStrings.quote(ip));
            }
        }
        return host + ":" + ip;
    }

    /** opts.ValidateLink. */
    static void link(String value) {
        String refusal = NetworkFlags.linkRefusal(value);
        if (refusal != null) {
            throw new InvalidFlag("--link", value, refusal);
        }
    }
}
