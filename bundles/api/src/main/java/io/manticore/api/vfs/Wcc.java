package io.manticore.api.vfs;

/** Attributes of an object before and after a change; {@code before} may be null when unknown. */
public record Wcc(Attrs before, Attrs after) {
}
