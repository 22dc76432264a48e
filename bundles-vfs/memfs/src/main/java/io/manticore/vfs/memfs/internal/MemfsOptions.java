package io.manticore.vfs.memfs.internal;

import java.util.Map;

/**
 * The mount options memfs reads: {@code size} (capacity, default 1g), {@code files} (the
 * most inodes, default 1000000) and {@code root_mode} (the root folder's permission bits in
 * octal, default 0755). Other options are left to other readers.
 *
 * @param capacityBytes  the capacity in bytes, a multiple of 4 KiB
 * @param maxFiles       the most inodes, the root included
 * @param rootMode       the permission bits of a new file system's root
 */
record MemfsOptions(long capacityBytes, long maxFiles, int rootMode) {

    static final String SIZE = "size";
    static final String FILES = "files";
    static final String ROOT_MODE = "root_mode";

    MemfsOptions(long capacityBytes, long maxFiles) {
        this(capacityBytes, maxFiles, Filesystem.DEFAULT_DIRECTORY_MODE);
    }

    /** @throws IllegalArgumentException naming the option whose value is invalid */
    static MemfsOptions parse(Map<String, String> options) {
        long capacity = SizeParser.parse(SIZE, options.getOrDefault(SIZE, "1g"));
        if (capacity < Blocks.SIZE) {
            throw new IllegalArgumentException("memfs option '" + SIZE + "': '" + options.get(SIZE)
                    + "' is smaller than one block (" + Blocks.SIZE + " bytes)");
        }
        String files = options.getOrDefault(FILES, "1000000").trim();
        long maxFiles;
        try {
            maxFiles = Long.parseLong(files);
        } catch (NumberFormatException e) {
            maxFiles = 0;
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("memfs option '" + FILES + "': '" + options.get(FILES)
                    + "' is not a positive number of files");
        }
        String mode = options.getOrDefault(ROOT_MODE, "0755").trim();
        if (!mode.matches("[0-7]{1,4}")) {
            throw new IllegalArgumentException("memfs option '" + ROOT_MODE + "': '" + mode
                    + "' is not an octal mode such as 0755 or 1777");
        }
        return new MemfsOptions(capacity & -Blocks.MIN_SIZE, maxFiles, Integer.parseInt(mode, 8));
    }
}
