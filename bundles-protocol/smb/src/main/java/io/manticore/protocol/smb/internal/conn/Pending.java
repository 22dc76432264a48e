package io.manticore.protocol.smb.internal.conn;

/** A request answered STATUS_PENDING: its async id, and what CANCEL does to it. */
public record Pending(long asyncId, long messageId, Runnable cancel) {
}
