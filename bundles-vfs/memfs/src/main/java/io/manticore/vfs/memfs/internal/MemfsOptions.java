package io.manticore.vfs.memfs.internal;

import java.util.Map;

/**
 * The mount options memfs reads: {@code size} (capacity, default 1g) and {@code files} (the
 * most inodes, default 1000000). Other options are left to other readers.
 *
 * @param capacityBlocks the capacity in whole blocks
 * @param maxFiles       the most inodes, the root included
 */
record MemfsOptions(long capacityBlocks, long maxFiles) {

    static final String SIZE = "size";
    static final String FILES = "files";

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
        return new MemfsOptions(capacity / Blocks.SIZE, maxFiles);
    }
}
