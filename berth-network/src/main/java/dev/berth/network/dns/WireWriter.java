package dev.berth.network.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a DNS message, compressing each name against the names (and their suffixes) written before it. */
final class WireWriter {
    private static final int MAX_POINTER = 0x3FFF;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    // Case-sensitive keys, so that a compressed name reads back exactly as the client spelled it (0x20 mixing).
    private final Map<List<String>, Integer> written = new HashMap<>();

    int size() {
        return out.size();
    }

    void u8(int value) {
        out.write(value);
    }

    void u16(int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    void u32(long value) {
        u16((int) (value >>> 16) & 0xFFFF);
        u16((int) value & 0xFFFF);
    }

    void bytes(byte[] data) {
        out.writeBytes(data);
    }

    void name(DnsName name) {
        List<String> labels = name.labels();
        for (int i = 0; i < labels.size(); i++) {
            List<String> suffix = labels.subList(i, labels.size());
            Integer earlier = written.get(suffix);
            if (earlier != null) {
                u16(0xC000 | earlier);
                return;
            }
            if (out.size() <= MAX_POINTER) {
                written.put(List.copyOf(suffix), out.size());
            }
            byte[] label = labels.get(i).getBytes(StandardCharsets.ISO_8859_1);
            u8(label.length);
            bytes(label);
        }
        u8(0);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
