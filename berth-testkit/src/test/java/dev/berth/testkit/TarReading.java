package dev.berth.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a tar back into name → (entry, content) in archive order, for assertions. */
record TarReading(TarArchiveEntry entry, byte[] content) {
    static Map<String, TarReading> read(Path tar) throws IOException {
        Map<String, TarReading> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream tin = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tin.getNextEntry()) != null; ) {
                byte[] content = e.isFile() && e.getSize() <= 4 << 20 ? tin.readAllBytes() : new byte[0];
                entries.put(e.getName(), new TarReading(e, content));
            }
        }
        return entries;
    }
}
