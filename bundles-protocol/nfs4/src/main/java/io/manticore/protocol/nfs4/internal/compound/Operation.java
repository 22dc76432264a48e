package io.manticore.protocol.nfs4.internal.compound;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * One NFSv4 operation: a row of the dispatch table. Its arguments are decoded into a record
 * before the COMPOUND runs (so a malformed COMPOUND is known before anything changes), then it
 * runs against the COMPOUND's current filehandle and state. A {@link io.manticore.api.vfs.VfsException}
 * or {@link io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception} thrown or completing the stage
 * is answered with {@link #failure} of its status.
 *
 * @param <A> the decoded arguments
 */
public interface Operation<A> {

    /** nfs_opnum4. */
    int opcode();

    /**
     * Decodes the arguments, every length checked against a bound; an
     * {@link io.manticore.protocol.oncrpc.internal.xdr.XdrException} makes it BADXDR. Buffers kept
     * in the arguments are retained slices, released by {@link #release}.
     */
    A decode(XdrDecoder in);

    /** Runs the operation; must not block. */
    CompletionStage<OpResult> execute(Compound compound, A args);

    /** The result of a failure with {@code status}: the status alone, unless the failure arm has a body. */
    default OpResult failure(int status) {
        return OpResult.of(status);
    }

    /** Releases what the decoded arguments hold; called once, whether the operation ran or not. */
    default void release(A args) {
    }
}
