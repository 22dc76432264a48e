package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;

/** Small helpers the operations share. */
final class Ops {

    static final CompletionStage<OpResult> OK = CompletableFuture.completedFuture(OpResult.OK);

    private Ops() {
    }

    static CompletionStage<OpResult> done(OpResult result) {
        return CompletableFuture.completedFuture(result);
    }

    /** ROFS when {@code file}'s export is read-only. */
    static void writable(ExportFh file) {
        if (file.export().readOnly()) {
            throw new VfsException(VfsError.ROFS, "export " + file.export().path() + " is read-only");
        }
    }
}
