package dev.berth.daemon.container;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Reads conmon's k8s-file log ({@code <RFC3339Nano> stdout|stderr F|P <text>}) back into the
 * entries {@code docker logs} shows: a P line is part of a longer line and gets no newline.
 */
public final class LogReader {

    /** One log entry: its time, stream (1 stdout, 2 stderr) and bytes, newline included when the line was whole. */
    public record Entry(Instant time, int stream, byte[] data) {
    }

    /** What to read: the window, how many whole lines from the end, and whether to follow. */
    public record Query(boolean stdout, boolean stderr, long sinceNanos, long untilNanos, int tail, boolean follow) {
    }

    /** Receives entries; return false to stop. */
    public interface Sink {
        boolean accept(Entry e) throws IOException;
    }

    public static Optional<Entry> parse(String line) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
        if (c < 0 && b > 0 && line.length() == b + 2) {
            c = line.length();
        }
        if (a < 0 || b < 0 || c < 0) {
            return Optional.empty();
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(line.substring(0, a)).toInstant();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        int stream = line.substring(a + 1, b).equals("stderr") ? 2 : 1;
        boolean partial = line.substring(b + 1, Math.min(c, line.length())).equals("P");
        String text = c >= line.length() ? "" : line.substring(c + 1);
        byte[] data = (partial ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
        return Optional.of(new Entry(time, stream, data));
    }

    /**
     * Sends the matching entries to the sink; when following, keeps reading as the file grows
     * until {@code running} turns false and the file is drained.
     */
    public static void read(Path log, Query q, BooleanSupplier running, Sink sink) throws IOException,
            InterruptedException {
        if (!Files.exists(log)) {
            if (!q.follow()) {
                return;
            }
            while (running.getAsBoolean() && !Files.exists(log)) {
                Thread.sleep(100);
            }
            if (!Files.exists(log)) {
                return;
            }
        }
        try (InputStream in = Files.newInputStream(log);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            Deque<Entry> last = new ArrayDeque<>();
            for (String line; (line = reader.readLine()) != null; ) {
                Optional<Entry> e = parse(line).filter(x -> wanted(x, q));
                if (e.isEmpty()) {
                    continue;
                }
                if (q.tail() < 0) {
                    if (!sink.accept(e.get())) {
                        return;
                    }
                } else {
                    last.addLast(e.get());
                    if (last.size() > q.tail()) {
                        last.removeFirst();
                    }
                }
            }
            for (Entry e : last) {
                if (!sink.accept(e)) {
                    return;
                }
            }
            if (!q.follow()) {
                return;
            }
            StringBuilder pending = new StringBuilder();
            while (true) {
                boolean alive = running.getAsBoolean();
                int ch;
                boolean any = false;
                while (reader.ready() && (ch = reader.read()) >= 0) {
                    any = true;
                    if (ch == '\n') {
                        Optional<Entry> e = parse(pending.toString()).filter(x -> wanted(x, q));
                        pending.setLength(0);
                        if (e.isPresent() && !sink.accept(e.get())) {
                            return;
                        }
                    } else {
                        pending.append((char) ch);
                    }
                }
                if (!any) {
                    if (!alive) {
                        return;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    private static boolean wanted(Entry e, Query q) {
        long t = e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano();
        return (e.stream() == 1 ? q.stdout() : q.stderr()) && t >= q.sinceNanos()
                && (q.untilNanos() <= 0 || t <= q.untilNanos());
    }
}
