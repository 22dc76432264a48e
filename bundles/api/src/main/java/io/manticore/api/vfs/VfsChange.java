package io.manticore.api.vfs;

/**
 * A completed mutation: {@code name} in {@code dir} was {@code kind}. For a rename two
 * events are published, {@code RENAMED_FROM} then {@code RENAMED_TO}. For changes to a file's
 * data or attributes, {@code dir} is null and {@code fh} names the file.
 */
public record VfsChange(MountId mount, FileHandle dir, String name, FileHandle fh, Kind kind) {

    public enum Kind {
        ADDED, REMOVED, RENAMED_FROM, RENAMED_TO, MODIFIED, ATTRIBUTES
    }
}
