package io.manticore.shell.internal.command;

/**
 * A command result whose table the command has already printed: consoles show nothing more
 * for it (see {@link PrintedResultConverter}), scripts still get the records.
 */
public interface Printed {
}
