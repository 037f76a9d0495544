package dev.berth.oci;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:<64 lowercase hex>}; only sha256 and sha512 are accepted. */
public record Digest(String algorithm, String encoded) implements Comparable<Digest> {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        Pattern p = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
        };
        if (!p.matcher(encoded).matches()) {
            throw new IllegalArgumentException("invalid checksum digest format");
        }
    }

    /** Parses {@code algorithm:hex}; the message matches Docker's for a malformed digest. */
    public static Digest parse(String s) {
        int colon = s == null ? -1 : s.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid checksum digest format");
        }
        return new Digest(s.substring(0, colon), s.substring(colon + 1));
    }

    /** Accepts a bare 64-hex string as a sha256 digest as well (image IDs are often written so). */
    public static Digest parseLenient(String s) {
        return s.indexOf(':') < 0 ? new Digest("sha256", s) : parse(s);
    }

    public static boolean isDigest(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Digest sha256(byte[] bytes) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(bytes)));
    }

    public static Digest sha256(InputStream in) throws IOException {
        MessageDigest md = newSha256();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return fromSha256(md);
    }

    public static Digest fromSha256(MessageDigest finished) {
        return new Digest("sha256", HexFormat.of().formatHex(finished.digest()));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 12 hex characters, as Docker shows IDs. */
    public String shortId() {
        return encoded.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + encoded;
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
