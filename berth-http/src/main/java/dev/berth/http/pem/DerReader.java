package dev.berth.http.pem;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader of ASN.1 DER, enough for private keys: walks tag-length-value elements in a byte range.
 * Only definite lengths exist in DER, so nothing else is accepted.
 */
public final class DerReader {

    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int SEQUENCE = 0x30;

    /** One element: its tag and where its contents lie in {@code data}. */
    public record Element(int tag, byte[] data, int offset, int length) {

        public DerReader contents() {
            return new DerReader(data, offset, offset + length);
        }

        public byte[] bytes() {
            byte[] copy = new byte[length];
            System.arraycopy(data, offset, copy, 0, length);
            return copy;
        }

        public BigInteger integer() {
            expect(INTEGER);
            return new BigInteger(bytes());
        }

        public String oid() {
            expect(OID);
            StringBuilder sb = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = offset; i < offset + length; i++) {
                int b = data[i] & 0xff;
                value = (value << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) {
                    if (first) {
                        long top = Math.min(value / 40, 2);
                        sb.append(top).append('.').append(value - top * 40);
                        first = false;
                    } else {
                        sb.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return sb.toString();
        }

        /** The children of a SEQUENCE or of a constructed context tag such as {@code [0]}. */
        public List<Element> children() {
            if ((tag & 0x20) == 0) {
                throw new IllegalArgumentException("DER element 0x%02x is not constructed".formatted(tag));
            }
            return contents().readAll();
        }

        public Element expect(int expectedTag) {
            if (tag != expectedTag) {
                throw new IllegalArgumentException("expected DER tag 0x%02x, got 0x%02x".formatted(expectedTag, tag));
            }
            return this;
        }
    }

    private final byte[] data;
    private int pos;
    private final int end;

    public DerReader(byte[] data) {
        this(data, 0, data.length);
    }

    private DerReader(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public Element read() {
        if (end - pos < 2) {
            throw new IllegalArgumentException("truncated DER");
        }
        int tag = data[pos++] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("multi-byte DER tags are not supported");
        }
        int first = data[pos++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 4 || end - pos < count) {
                throw new IllegalArgumentException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[pos++] & 0xff);
            }
        }
        if (length > end - pos) {
            throw new IllegalArgumentException("DER element longer than its container");
        }
        Element element = new Element(tag, data, pos, (int) length);
        pos += (int) length;
        return element;
    }

    public List<Element> readAll() {
        List<Element> all = new ArrayList<>();
        while (hasMore()) {
            all.add(read());
        }
        return all;
    }
}
