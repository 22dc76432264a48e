package io.manticore.shell.internal.command;

/**
 * What a walk of a bucket's folder tree found.
 *
 * @param objects           regular files plus empty folders (folder markers)
 * @param bytes             the regular files' sizes summed
 * @param complete          false when the walk stopped at its entry limit: the counts are lower bounds
 * @param unreadableFolders folders below the bucket's own that could not be read and were skipped
 * @param failure           why the bucket's own folder could not be read, or null when it was
 */
public record ObjectCount(long objects, long bytes, boolean complete, long unreadableFolders, String failure) {

    static ObjectCount failed(String failure) {
        return new ObjectCount(0, 0, true, 0, failure);
    }
}
