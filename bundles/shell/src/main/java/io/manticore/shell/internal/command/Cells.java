package io.manticore.shell.internal.command;

import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.manticore.api.vfs.Capability;

/** How values read in table cells. */
final class Cells {

    /** Bytes kept at each end of a long hex cell: enough to tell handles and owners apart at a glance. */
    private static final int HEX_KEPT = 8;

    private Cells() {
    }

    /** Lower-case names in the enum's order, comma-joined. */
    static String capabilities(Set<Capability> capabilities) {
        return capabilities.stream().sorted()
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
    }

    static String joined(Collection<String> values) {
        return String.join(",", values);
    }

    static String access(boolean readOnly) {
        return readOnly ? "ro" : "rw";
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /** Bytes in hex: whole up to 16 bytes, longer ones as their first and last 8 bytes around "..". */
    static String hex(byte[] bytes) {
        HexFormat hex = HexFormat.of();
        if (bytes.length <= 2 * HEX_KEPT) {
            return hex.formatHex(bytes);
        }
        return hex.formatHex(bytes, 0, HEX_KEPT) + ".." + hex.formatHex(bytes, bytes.length - HEX_KEPT, bytes.length);
    }

    /** A fraction as a percentage with one decimal: {@code 0.875} reads "87.5%". */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Mean microseconds per call with one decimal, 0.0 when there were no calls. */
    static String averageMicros(long totalNanos, long calls) {
        double micros = calls == 0 ? 0 : totalNanos / 1000.0 / calls;
        return String.format(Locale.ROOT, "%.1f", micros);
    }
}
