package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.HumanSize;

/** What docker's prune commands print of the daemon's report: what went, and the space reclaimed. */
public final class PruneReport {
    private PruneReport() {
    }

    /**
     * {@code title}, then each entry of the array {@code field} on a line of its own and the blank line docker's
     * final Println adds; nothing when none went.
     */
    public static String deleted(JsonNode report, String field, String title) {
        JsonNode deleted = report.path(field);
        if (!deleted.isArray() || deleted.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(title).append('\n');
        deleted.forEach(entry -> out.append(entry.asText()).append('\n'));
        return out.append('\n').toString();
    }

    /** {@code Total reclaimed space: 1.5kB}, from {@code SpaceReclaimed}. */
    public static String reclaimed(JsonNode report) {
        return "Total reclaimed space: " + HumanSize.decimal(report.path("SpaceReclaimed").asDouble()) + "\n";
    }
}
