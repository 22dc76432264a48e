package io.manticore.shell.internal.command;

/** A configured item (export, share, bucket) with the name it has in the configuration. */
public record Named<T>(String name, T config) {
}
