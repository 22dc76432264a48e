package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table a person can read: a header line, a line of dashes under each header, then one
 * line per row. Text columns are left-aligned, number columns right-aligned; two spaces
 * separate columns and no line ends in a space. A null or empty cell shows as "-".
 */
final class Table {

    private static final String GAP = "  ";

    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a left-aligned column. */
    Table text(String header) {
        return column(header, false);
    }

    /** Adds a right-aligned column. */
    Table number(String header) {
        return column(header, true);
    }

    private Table column(String header, boolean right) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("columns must be declared before rows");
        }
        headers.add(header);
        rightAligned.add(right);
        return this;
    }

    /** Adds a row, one cell per column in declaration order. */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        String[] texts = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String text = cells[i] == null ? "" : cells[i].toString();
            texts[i] = text.isEmpty() ? "-" : text;
        }
        rows.add(texts);
        return this;
    }

    /** The whole table, each line ending in a newline. */
    String render() {
        int[] widths = new int[headers.size()];
        String[] dashes = new String[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
            dashes[i] = "-".repeat(headers.get(i).length());
        }
        StringBuilder out = new StringBuilder();
        line(out, headers.toArray(String[]::new), widths);
        line(out, dashes, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    /** Prints the table to the Gogo session. */
    void print() {
        SessionOutput.print(render());
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        int start = out.length();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(GAP);
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            if (rightAligned.get(i)) {
                out.append(pad).append(cells[i]);
            } else {
                out.append(cells[i]).append(pad);
            }
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }
}
