package io.manticore.api.vfs;

/** A new hard link: the file's attributes after, and the directory's around the change. */
public record LinkResult(Attrs attrs, Wcc dir) {
}
