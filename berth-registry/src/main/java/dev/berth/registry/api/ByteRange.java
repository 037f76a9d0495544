package dev.berth.registry.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One range of a {@code Range: bytes=…} request header, resolved against the blob's size. */
record ByteRange(long offset, long length) {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /**
     * The range asked for; empty when the header is absent or not a single byte range (then the whole blob is
     * sent, as RFC 9110 allows). Throws {@link Unsatisfiable} when it lies outside the blob.
     */
    static Optional<ByteRange> parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(header.get().strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                long len = Math.min(suffix, size);
                return Optional.of(new ByteRange(size - len, len));
            }
            long start = Long.parseLong(m.group(1));
            long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (start >= size || end < start) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(start, end - start + 1));
        } catch (NumberFormatException e) {
            throw new Unsatisfiable();
        }
    }

    String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }

    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("range not satisfiable", null, false, false);
        }
    }
}
