package io.manticore.protocol.s3.internal.op;

/**
 * An operation and what the connection must know of it before running it: its name (for
 * statistics and logs), and whether it changes anything (anonymous callers may only read).
 */
public record Route(String name, S3Operation operation, boolean writes) {
}
