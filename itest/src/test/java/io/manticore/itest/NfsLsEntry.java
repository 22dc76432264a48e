package io.manticore.itest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of nfs-ls output: {@code drwxr-xr-x  2     0     0         4096 a/b}, the path
 * relative to the listed export (joined with '/' below it when listing recursively).
 *
 * @param type  '-' regular file, 'd' directory, 'l' symlink, 'c'/'b' devices
 * @param perms the nine rwx characters
 */
record NfsLsEntry(char type, String perms, int nlink, long uid, long gid, long size, String path) {

    private static final Pattern LINE = Pattern.compile(
            "([-dlcb])([-r][-w][-x][-r][-w][-x][-r][-w][-x]) +(\\d+) +(-?\\d+) +(-?\\d+) +(-?\\d+) (.+)");

    /** The entry a line shows; fails the test when the line has another shape. */
    static NfsLsEntry parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("not an nfs-ls entry line: '" + line + "'");
        }
        return new NfsLsEntry(m.group(1).charAt(0), m.group(2), Integer.parseInt(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), m.group(7));
    }
}
