package dev.berth.network.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * A domain name as its labels, each kept byte for byte (as ISO-8859-1 chars) so that a reply echoes the
 * question exactly as the client spelled it. {@link #lookupKey()} is the form a {@link Resolver} sees.
 */
public record DnsName(List<String> labels) {
    public static final DnsName ROOT = new DnsName(List.of());

    private static final int MAX_LABEL = 63;
    private static final int MAX_WIRE_LENGTH = 255;

    public DnsName {
        labels = List.copyOf(labels);
        int wireLength = 1;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                throw new IllegalArgumentException("a DNS label has 1 to 63 bytes: '" + label + "'");
            }
            if (label.chars().anyMatch(c -> c > 0xFF)) {
                throw new IllegalArgumentException("a DNS label is bytes, not Unicode (use punycode): '" + label + "'");
            }
            wireLength += 1 + label.length();
        }
        if (wireLength > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("a DNS name has at most 255 bytes on the wire: " + wireLength);
        }
    }

    /** {@code "web.example"} or {@code "web.example."}; {@code ""} and {@code "."} are the root. No escapes. */
    public static DnsName of(String dotted) {
        String trimmed = dotted.endsWith(".") ? dotted.substring(0, dotted.length() - 1) : dotted;
        return trimmed.isEmpty() ? ROOT : new DnsName(List.of(trimmed.split("\\.", -1)));
    }

    /**
     * Lower-case (ASCII only, as DNS compares), dot-joined, no trailing dot; the root is {@code ""}. A dot,
     * backslash or unprintable byte inside a label is escaped ({@code \.}, {@code \\}, {@code \DDD}), so a
     * label can never pass for two.
     */
    public String lookupKey() {
        return present(true);
    }

    /** Equal ignoring ASCII case, as DNS compares names. */
    public boolean equalsIgnoreCase(DnsName other) {
        return lookupKey().equals(other.lookupKey());
    }

    @Override
    public String toString() {
        return labels.isEmpty() ? "." : present(false);
    }

    static DnsName read(WireReader in) throws DnsFormatException {
        List<String> labels = new ArrayList<>();
        int at = in.position();
        int resumeAt = -1;
        int lastTarget = Integer.MAX_VALUE;
        int wireLength = 1;
        while (true) {
            int length = in.u8At(at);
            if ((length & 0xC0) == 0xC0) {
                int target = ((length & 0x3F) << 8) | in.u8At(at + 1);
                // Each pointer must jump strictly backwards, behind the last one: loops cannot be built.
                if (target >= Math.min(at, lastTarget)) {
                    throw new DnsFormatException("compression pointer at " + at + " does not point backwards: " + target);
                }
                if (resumeAt < 0) {
                    resumeAt = at + 2;
                }
                lastTarget = target;
                at = target;
            } else if ((length & 0xC0) != 0) {
                throw new DnsFormatException("unsupported label type 0x" + Integer.toHexString(length) + " at " + at);
            } else if (length == 0) {
                in.position(resumeAt < 0 ? at + 1 : resumeAt);
                return new DnsName(labels);
            } else {
                wireLength += 1 + length;
                if (wireLength > MAX_WIRE_LENGTH) {
                    throw new DnsFormatException("name longer than 255 bytes at " + at);
                }
                labels.add(in.latin1At(at + 1, length));
                at += 1 + length;
            }
        }
    }

    private String present(boolean lowerCase) {
        StringBuilder text = new StringBuilder();
        for (String label : labels) {
            if (!text.isEmpty()) {
                text.append('.');
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c == '.' || c == '\\') {
                    text.append('\\').append(c);
                } else if (c <= 0x20 || c >= 0x7F) {
                    text.append('\\').append(String.format("%03d", (int) c));
                } else {
                    text.append(lowerCase && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                }
            }
        }
        return text.toString();
    }
}
