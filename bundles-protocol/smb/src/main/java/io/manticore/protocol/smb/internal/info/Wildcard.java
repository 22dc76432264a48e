package io.manticore.protocol.smb.internal.info;

import java.util.BitSet;
import java.util.Locale;

/**
 * Directory search patterns (MS-FSA 2.1.4.4): {@code *} and {@code ?}, and the DOS forms
 * {@code <} (any run up to the last dot), {@code >} (one character, or none at a dot or the end)
 * and {@code "} (a dot, or the end). Matching ignores case.
 */
public final class Wildcard {

    private Wildcard() {
    }

    public static boolean hasWildcards(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?<>\"".indexOf(pattern.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(String pattern, String name) {
        if (pattern.equals("*") || pattern.equals("*.*") && name.indexOf('.') >= 0 || pattern.equals("<.*")) {
            return true;
        }
        String p = pattern.toUpperCase(Locale.ROOT);
        String n = name.toUpperCase(Locale.ROOT);
        return match(p, 0, n, 0, new BitSet((p.length() + 1) * (n.length() + 1)));
    }

    /** Matches from (pi, ni); {@code failed} remembers the states that cannot match, so hostile patterns stay polynomial. */
    private static boolean match(String p, int pi, String n, int ni, BitSet failed) {
        int state = pi * (n.length() + 1) + ni;
        if (failed.get(state)) {
            return false;
        }
        boolean matched = walk(p, pi, n, ni, failed);
        if (!matched) {
            failed.set(state);
        }
        return matched;
    }

    private static boolean walk(String p, int pi, String n, int ni, BitSet failed) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    for (int k = ni; k <= n.length(); k++) {
                        if (match(p, pi + 1, n, k, failed)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '<' -> {
                    int lastDot = n.lastIndexOf('.');
                    for (int k = ni; k <= n.length(); k++) {
                        if (k > ni && n.charAt(k - 1) == '.' && k - 1 == lastDot) {
                            return match(p, pi + 1, n, k - 1, failed);
                        }
                        if (match(p, pi + 1, n, k, failed)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '>' -> {
                    if (ni < n.length() && n.charAt(ni) != '.') {
                        ni++;
                    }
                    pi++;
                }
                case '"' -> {
                    if (ni < n.length()) {
                        if (n.charAt(ni) != '.') {
                            return false;
                        }
                        ni++;
                    }
                    pi++;
                }
                case '?' -> {
                    if (ni >= n.length()) {
                        return false;
                    }
                    ni++;
                    pi++;
                }
                default -> {
                    if (ni >= n.length() || n.charAt(ni) != c) {
                        return false;
                    }
                    ni++;
                    pi++;
                }
            }
        }
        return ni == n.length();
    }
}
