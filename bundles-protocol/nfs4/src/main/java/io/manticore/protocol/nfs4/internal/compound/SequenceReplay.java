package io.manticore.protocol.nfs4.internal.compound;

import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.ReplyWriter;

/**
 * SEQUENCE found a retry of its slot's last request (RFC 8881 2.10.6.1.3): the COMPOUND is not
 * run again; it is answered with the reply kept, or, when none was kept, with SEQUENCE's own
 * result and RETRY_UNCACHED_REP for the operation after it.
 *
 * @param reply    the whole COMPOUND4res kept, or null
 * @param sequence SEQUENCE's result, for a reply that was not kept
 */
public record SequenceReplay(byte[] reply, OpResult sequence) implements OpResult {

    public SequenceReplay {
        reply = reply == null ? null : reply.clone();
    }

    @Override
    public byte[] reply() {
        return reply == null ? null : reply.clone();
    }

    @Override
    public int status() {
        return Nfs4Status.OK;
    }

    @Override
    public void encode(ReplyWriter out) {
        sequence.encode(out);
    }
}
