package io.manticore.vfs.memfs.internal;

import java.util.Locale;

/** Parses byte counts such as {@code 4096}, {@code 64k}, {@code 512m}, {@code 1g}, {@code 2t} (powers of 1024). */
final class SizeParser {

    private SizeParser() {
    }

    /**
     * The number of bytes {@code value} stands for.
     *
     * @throws IllegalArgumentException naming {@code option} when the value is not a size
     */
    static long parse(String option, String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        int shift = 0;
        if (!text.isEmpty()) {
            shift = switch (text.charAt(text.length() - 1)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
        }
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw invalid(option, value, "bytes with an optional k, m, g or t suffix");
        }
        try {
            long number = Long.parseLong(digits);
            if (number > (Long.MAX_VALUE >> shift)) {
                throw invalid(option, value, "a size that fits in 63 bits");
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw invalid(option, value, "a size that fits in 63 bits");
        }
    }

    private static IllegalArgumentException invalid(String option, String value, String expected) {
        return new IllegalArgumentException("memfs option '" + option + "': '" + value + "' is not " + expected);
    }
}
