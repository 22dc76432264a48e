package io.manticore.protocol.nfs4.internal.state;

/** One slot of a session's fore channel (RFC 8881 2.10.6.1): its last sequence id and the reply kept for a retry. */
final class Slot {

    /** RFC 8881 2.10.6.1: a new slot's first request carries sequence id 1. */
    int seqid;
    boolean inUse;
    /** The whole COMPOUND4res of the last request, or null when it was not kept. */
    byte[] reply;
}
