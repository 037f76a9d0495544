package dev.berth.network.dns;

import java.nio.charset.StandardCharsets;

/** A bounds-checked cursor over a DNS message; running off the end is a {@link DnsFormatException}. */
final class WireReader {
    private final byte[] wire;
    private int position;

    WireReader(byte[] wire) {
        this.wire = wire;
    }

    int position() {
        return position;
    }

    void position(int newPosition) {
        position = newPosition;
    }

    int u8At(int offset) throws DnsFormatException {
        if (offset < 0 || offset >= wire.length) {
            throw new DnsFormatException("message truncated at byte " + offset);
        }
        return wire[offset] & 0xFF;
    }

    /** Label bytes as a string of the same length: ISO-8859-1 maps every byte to one char and back. */
    String latin1At(int offset, int length) throws DnsFormatException {
        require(offset, length);
        return new String(wire, offset, length, StandardCharsets.ISO_8859_1);
    }

    int u16() throws DnsFormatException {
        require(position, 2);
        int value = ((wire[position] & 0xFF) << 8) | (wire[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    long u32() throws DnsFormatException {
        long high = u16();
        return (high << 16) | u16();
    }

    byte[] bytes(int length) throws DnsFormatException {
        require(position, length);
        byte[] out = new byte[length];
        System.arraycopy(wire, position, out, 0, length);
        position += length;
        return out;
    }

    private void require(int offset, int length) throws DnsFormatException {
        if (offset < 0 || length < 0 || offset + length > wire.length) {
            throw new DnsFormatException("message truncated: needs " + length + " bytes at " + offset + " of " + wire.length);
        }
    }
}
