package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter (elastic tabstops) as docker configures it for tables:
 * {@code NewWriter(out, 10, 1, 3, ' ', 0)}. Cells are terminated by {@code \t}; a column is a run
 * of tab-terminated cells in adjacent lines, as wide as its widest cell plus padding and at least
 * minwidth; the text after a line's last tab is not part of any column and is never padded.
 */
public final class TabWriter {
    private final int minWidth;
    private final int padding;
    private final char padChar;

    private record Cell(String text, int width) {
    }

    public TabWriter(int minWidth, int padding, char padChar) {
        this.minWidth = minWidth;
        this.padding = padding;
        this.padChar = padChar;
    }

    /** docker's table writer: minwidth 10, padding 3, spaces. */
    public static TabWriter docker() {
        return new TabWriter(10, 3, ' ');
    }

    /** Aligns all of {@code text} at once, as writing it and calling Flush does in Go. */
    public String format(String text) {
        List<List<Cell>> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            List<Cell> cells = new ArrayList<>();
            for (String cell : line.split("\t", -1)) {
                cells.add(new Cell(cell, cell.codePointCount(0, cell.length())));
            }
            lines.add(cells);
        }
        StringBuilder out = new StringBuilder();
        format(out, lines, new ArrayList<>(), 0, lines.size());
        return out.toString();
    }

    private void format(StringBuilder out, List<List<Cell>> lines, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        int start = line0;
        for (int current = line0; current < line1; current++) {
            if (column >= lines.get(current).size() - 1) {
                continue;
            }
            writeLines(out, lines, widths, start, current);
            start = current;
            int width = minWidth;
            for (; current < line1; current++) {
                List<Cell> line = lines.get(current);
                if (column >= line.size() - 1) {
                    break;
                }
                width = Math.max(width, line.get(column).width() + padding);
            }
            widths.add(width);
            format(out, lines, widths, start, current);
            widths.removeLast();
            start = current;
            current--;
        }
        writeLines(out, lines, widths, start, line1);
    }

    private void writeLines(StringBuilder out, List<List<Cell>> lines, List<Integer> widths, int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            List<Cell> line = lines.get(i);
            for (int j = 0; j < line.size(); j++) {
                Cell cell = line.get(j);
                out.append(cell.text());
                if (j < widths.size()) {
                    out.append(String.valueOf(padChar).repeat(widths.get(j) - cell.width()));
                }
            }
            if (i + 1 < lines.size()) {
                out.append('\n');
            }
        }
    }
}
