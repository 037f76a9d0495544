package dev.berth.daemon.config;

import java.util.HashMap;
import java.util.Map;

/**
 * A range networks are carved from ({@code --default-address-pool base=172.30.0.0/16,size=24}):
 * {@code base} is split into subnets of prefix length {@code size}.
 */
public record AddressPool(String base, int size) {
    public AddressPool {
        int prefix = Cidr.prefixLength(base);
        int bits = Cidr.isIpv6(base) ? 128 : 32;
        if (size < prefix || size > bits) {
            throw new IllegalArgumentException("invalid pool size " + size + " for base " + base
                    + ": must be between " + prefix + " and " + bits);
        }
    }

    /** The flag form: comma-separated {@code base=…,size=…}. */
    public static AddressPool parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("invalid field '" + part + "' must be a key=value pair");
            }
            String key = part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            if (!key.equals("base") && !key.equals("size")) {
                throw new IllegalArgumentException("unexpected key '" + key + "' in '" + part + "'");
            }
            fields.put(key, part.substring(eq + 1).trim());
        }
        if (!fields.containsKey("base") || !fields.containsKey("size")) {
            throw new IllegalArgumentException("address pool needs both base and size: " + text);
        }
        try {
            return new AddressPool(fields.get("base"), Integer.parseInt(fields.get("size")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + fields.get("size") + "' in " + text);
        }
    }

    @Override
    public String toString() {
        return "base=" + base + ",size=" + size;
    }
}
