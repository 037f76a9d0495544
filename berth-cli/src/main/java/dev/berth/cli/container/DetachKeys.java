package dev.berth.cli.container;

import java.util.Locale;

/**
 * docker's {@code --detach-keys} sequence ({@code ctrl-p,ctrl-q} by default): comma-separated
 * {@code ctrl-X} keys or single characters, as the bytes a terminal sends for them.
 */
public record DetachKeys(byte[] sequence) {
    public static final DetachKeys DEFAULT = new DetachKeys(new byte[] {0x10, 0x11});

    public static DetachKeys parse(String text) {
        String[] keys = text.split(",");
        byte[] bytes = new byte[keys.length];
        for (int i = 0; i < keys.length; i++) {
            bytes[i] = key(keys[i], text);
        }
        return new DetachKeys(bytes);
    }

    private static byte key(String key, String whole) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.length() == 1) {
            return (byte) key.charAt(0);
        }
        if (k.startsWith("ctrl-") && k.length() == 6) {
            char c = k.charAt(5);
            if (c >= 'a' && c <= 'z') {
                return (byte) (c - 'a' + 1);
            }
            int at = "@[\\]^_".indexOf(c);
            if (at >= 0) {
                return (byte) (at == 0 ? 0 : 27 + at - 1);
            }
        }
        throw new IllegalArgumentException("Unknown character: '" + key + "'");
    }
}
