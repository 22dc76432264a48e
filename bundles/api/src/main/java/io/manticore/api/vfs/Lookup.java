package io.manticore.api.vfs;

/** The result of looking up a name: the object, its attributes and the directory's. */
public record Lookup(FileHandle fh, Attrs attrs, Attrs dirAttrs) {
}
