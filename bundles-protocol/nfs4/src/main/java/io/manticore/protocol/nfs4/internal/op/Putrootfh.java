package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.compound.Operation;
import io.manticore.protocol.nfs4.internal.fh.PseudoFh;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * PUTROOTFH (RFC 7530 16.22) and PUTPUBFH (16.21): the root of the pseudo file system, which
 * is also the public filehandle here (RFC 7530 7.5: a server without WebNFS may make them one).
 */
final class Putrootfh implements Operation<Void> {

    private final int opcode;

    private Putrootfh(int opcode) {
        this.opcode = opcode;
    }

    static Putrootfh root() {
        return new Putrootfh(Opcodes.PUTROOTFH);
    }

    static Putrootfh pub() {
        return new Putrootfh(Opcodes.PUTPUBFH);
    }

    @Override
    public int opcode() {
        return opcode;
    }

    @Override
    public Void decode(XdrDecoder in) {
        return null;
    }

    @Override
    public CompletionStage<OpResult> execute(Compound c, Void args) {
        c.fh(new PseudoFh(c.server().pseudo().treeFor(c.peer()).root()));
        return Ops.OK;
    }
}
