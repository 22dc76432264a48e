package io.manticore.protocol.nfs3.internal.nfs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs3.internal.Callers;
import io.manticore.protocol.nfs3.internal.Connection;
import io.manticore.protocol.nfs3.internal.NfsServer;
import io.manticore.protocol.nfs3.internal.xdr.Nfs3Status;
import io.manticore.protocol.oncrpc.internal.AuthSys;
import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** NFS version 3 (program 100003, RFC 1813) for the calls of one channel: the table of its 22 procedures. */
public final class Nfs3Program implements RpcProgram {

    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Nfs3Program.class);

    /** Indexed by procedure number; NULL (0) is answered directly. */
    private static final Nfs3Procedure[] PROCEDURES = {
        null,
        new Getattr(),
        new Setattr(),
        new Lookup(),
        new Access(),
        new Readlink(),
        new Read(),
        new Write(),
        new Create(),
        new Mkdir(),
        new Symlink(),
        new Mknod(),
        new Remove(),
        new Rmdir(),
        new Rename(),
        new Link(),
        new Readdir(),
        new Readdirplus(),
        new Fsstat(),
        new Fsinfo(),
        new Pathconf(),
        new Commit(),
    };

    /** Procedures whose retransmission must not run twice (answered from the reply cache). */
    private static final boolean[] NON_IDEMPOTENT = new boolean[PROCEDURES.length];

    static {
        for (int p : new int[] {2, 7, 8, 9, 10, 11, 12, 13, 14, 15, 21}) {
            NON_IDEMPOTENT[p] = true;
        }
    }

    private final NfsServer server;
    private final Callers callers;

    public Nfs3Program(NfsServer server, Callers callers) {
        this.server = server;
        this.callers = callers;
    }

    @Override
    public int program() {
        return PROGRAM;
    }

    @Override
    public int lowestVersion() {
        return VERSION;
    }

    @Override
    public int highestVersion() {
        return VERSION;
    }

    /** A retransmitted non-idempotent call is answered from the reply cache instead of running twice. */
    @Override
    public boolean cachesReplies(int version, int procedure) {
        return procedure >= 0 && procedure < NON_IDEMPOTENT.length && NON_IDEMPOTENT[procedure];
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        if (procedure == 0) {
            return (call, args) -> CompletableFuture.completedFuture(RpcResult.success(out -> { }));
        }
        if (procedure < 0 || procedure >= PROCEDURES.length) {
            return null;
        }
        Nfs3Procedure p = PROCEDURES[procedure];
        return (call, args) -> serve(p, call, args);
    }

    private CompletionStage<RpcResult> serve(Nfs3Procedure p, RpcCall call, XdrDecoder args) {
        Connection connection = callers.of(call);
        connection.client().called(call.credential() instanceof AuthSys ? "sys" : "none");
        Nfs3Request request = new Nfs3Request(server, connection, call.credential());
        CompletionStage<RpcResult> result;
        try {
            result = p.call(request, args);
        } catch (VfsException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionallyCompose(failure -> failed(p, request, connection, failure));
    }

    private CompletionStage<RpcResult> failed(Nfs3Procedure p, Nfs3Request request, Connection connection,
                                              Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof VfsException)) {
            // XDR errors become GARBAGE_ARGS and anything else SYSTEM_ERR, in the dispatcher.
            return CompletableFuture.failedFuture(cause);
        }
        VfsError error = ((VfsException) cause).error();
        int status = Nfs3Status.of(error);
        if (error == VfsError.SERVERFAULT) {
            LOG.warn("NFS3ERR_SERVERFAULT for {} from {}", p.getClass().getSimpleName(), connection.peer(), cause);
        }
        Target primary = request.primary();
        if (primary == null || !p.failureBody().carriesAttributes()
                || error == VfsError.STALE || error == VfsError.BADHANDLE) {
            return CompletableFuture.completedFuture(failure(status, p.failureBody(), null, 0));
        }
        return server.vfs().getattr(primary.cred(), primary.fh(), AttrMask.ALL)
                .handle((attrs, ignored) -> failure(status, p.failureBody(), attrs, primary.fsid()));
    }

    private static RpcResult failure(int status, FailureBody body, Attrs attrs, long fsid) {
        return RpcResult.success(out -> {
            out.writeInt(status);
            body.write(out, attrs, fsid);
        });
    }
}
