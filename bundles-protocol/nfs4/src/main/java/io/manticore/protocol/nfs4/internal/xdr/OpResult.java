package io.manticore.protocol.nfs4.internal.xdr;

import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * The result of one operation of a COMPOUND (nfs_resop4 without its opcode): a status and what
 * follows it. Results are immutable and may be encoded more than once (an NFSv4.0 seqid replay
 * answers the same OPEN result again), except those holding file data, released after use.
 */
public interface OpResult {

    OpResult OK = of(Nfs4Status.OK);

    int status();

    /** Writes what follows the status. */
    default void encode(ReplyWriter out) {
    }

    /** Frees what the result holds (file data); called once, after it was encoded or when it will not be. */
    default void release() {
    }

    /** A result that is its status alone. */
    static OpResult of(int status) {
        return new Status(status);
    }

    /** NFS4_OK followed by what {@code body} writes. */
    static OpResult ok(Consumer<XdrEncoder> body) {
        return new Body(Nfs4Status.OK, body);
    }

    /** {@code status} followed by what {@code body} writes (a result whose failure arm has a body). */
    static OpResult withBody(int status, Consumer<XdrEncoder> body) {
        return new Body(status, body);
    }

    record Status(int status) implements OpResult {
    }

    record Body(int status, Consumer<XdrEncoder> body) implements OpResult {
        @Override
        public void encode(ReplyWriter out) {
            body.accept(out.xdr());
        }
    }
}
