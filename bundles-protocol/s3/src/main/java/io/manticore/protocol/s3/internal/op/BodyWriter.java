package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.Vfs;

/** Writes a request's payload into a file from offset 0 as it arrives, then commits it to stable storage. */
final class BodyWriter {

    private BodyWriter() {
    }

    /** The file's attributes once the whole payload is written, checked and committed. */
    static CompletionStage<Attrs> write(Vfs vfs, Cred cred, FileHandle fh, RequestBody body) {
        return writeFrom(vfs, cred, fh, body, 0)
                .thenCompose(size -> vfs.commit(cred, fh, 0, 0))
                .thenCompose(committed -> vfs.getattr(cred, fh, AttrMask.ALL));
    }

    private static CompletionStage<Long> writeFrom(Vfs vfs, Cred cred, FileHandle fh, RequestBody body, long offset) {
        return body.next().thenCompose(piece -> {
            if (piece == null) {
                return CompletableFuture.completedFuture(offset);
            }
            int n = piece.readableBytes();
            return vfs.write(cred, fh, offset, piece, Stability.UNSTABLE)
                    .thenCompose(written -> writeFrom(vfs, cred, fh, body, offset + n));
        });
    }
}
