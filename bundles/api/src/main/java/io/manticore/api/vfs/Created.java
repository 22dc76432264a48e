package io.manticore.api.vfs;

/** A new object, its attributes and the directory's attributes around the change. */
public record Created(FileHandle fh, Attrs attrs, Wcc dir) {
}
