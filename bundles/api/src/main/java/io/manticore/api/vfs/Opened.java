package io.manticore.api.vfs;

/** The result of create-or-open: the open file, its attributes, whether it was created, and the directory around the change. */
public record Opened(OpenFile file, Attrs attrs, boolean created, Wcc dir) {
}
