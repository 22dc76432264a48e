package io.manticore.protocol.nfs4.internal.compound;

import java.util.List;

/**
 * COMPOUND4args decoded (RFC 7530 16.2): the tag to echo, the minor version, and the operations
 * with their arguments, up to the first that cannot run (an unknown opcode, undecodable arguments).
 *
 * @param refusal NFS4_OK, or the status of a COMPOUND refused as a whole (too many operations,
 *                an unknown minor version), which runs nothing
 */
public record CompoundArgs(byte[] tag, int minorVersion, List<DecodedOp<?>> ops, int refusal) {

    public CompoundArgs {
        tag = tag.clone();
        ops = List.copyOf(ops);
    }

    @Override
    public byte[] tag() {
        return tag.clone();
    }

    /** Releases what the arguments hold (WRITE data). */
    public void release() {
        for (DecodedOp<?> op : ops) {
            op.release();
        }
    }
}
