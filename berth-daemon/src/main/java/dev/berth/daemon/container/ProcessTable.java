package dev.berth.daemon.container;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code docker top}'s answer: the host's {@code ps} output cut down to a container's processes.
 * The header's words are the titles; each row is split on blanks, and whatever lies beyond the
 * last title (a command line with spaces) is joined back into the last column.
 *
 * <pre>{@code
 * ProcessTable t = ProcessTable.filter(psOutput, Set.of(4211, 4260));
 * // {"Titles":["UID","PID",…,"CMD"],"Processes":[["root","4211",…,"sleep 600"],…]}
 * }</pre>
 */
public record ProcessTable(List<String> titles, List<List<String>> processes) {

    public ProcessTable {
        titles = List.copyOf(titles);
        processes = processes.stream().map(List::copyOf).toList();
    }

    /** @throws InvalidArgumentException when the output has no PID column (the ps arguments dropped it) */
    public static ProcessTable filter(String psOutput, Set<Integer> pids) {
        List<String> lines = psOutput.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new InvalidArgumentException("Couldn't find PID field in ps output");
        }
        List<String> titles = words(lines.getFirst());
        int pidColumn = titles.indexOf("PID");
        if (pidColumn < 0) {
            throw new InvalidArgumentException("Couldn't find PID field in ps output");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = words(line);
            if (fields.size() <= pidColumn || !pids.contains(pid(fields.get(pidColumn)))) {
                continue;
            }
            rows.add(row(fields, titles.size()));
        }
        return new ProcessTable(titles, rows);
    }

    private static List<String> row(List<String> fields, int columns) {
        if (fields.size() <= columns) {
            return fields;
        }
        List<String> row = new ArrayList<>(fields.subList(0, columns - 1));
        row.add(String.join(" ", fields.subList(columns - 1, fields.size())));
        return row;
    }

    private static int pid(String field) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("Unexpected pid '" + field + "': " + e.getMessage());
        }
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.strip().split("\\s+")).toList();
    }
}
