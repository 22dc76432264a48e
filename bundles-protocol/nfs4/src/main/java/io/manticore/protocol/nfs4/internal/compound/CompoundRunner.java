package io.manticore.protocol.nfs4.internal.compound;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs4.internal.state.Session;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Exception;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;
import io.manticore.protocol.nfs4.internal.xdr.ReplyWriter;
import io.manticore.protocol.oncrpc.internal.RateLimitedLog;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operations of one COMPOUND in order until one fails (RFC 7530 15.2, RFC 8881 16.2),
 * then encodes COMPOUND4res: the status of the last operation run, the tag, and each result.
 * For NFSv4.1 it enforces where SEQUENCE and the session-less operations may stand, and keeps
 * the reply in the session slot the COMPOUND used.
 */
public final class CompoundRunner {

    /** RFC 8881 2.10.6.5: the only operations that may start a 4.1 COMPOUND without SEQUENCE, and then alone. */
    private static final Set<Integer> SESSIONLESS = Set.of(Opcodes.EXCHANGE_ID, Opcodes.CREATE_SESSION,
            Opcodes.DESTROY_SESSION, Opcodes.BIND_CONN_TO_SESSION, Opcodes.DESTROY_CLIENTID);
    private static final Logger LOG = LoggerFactory.getLogger(CompoundRunner.class);
    private static final RateLimitedLog SERVER_FAULT = new RateLimitedLog(LOG);

    private final Compound compound;
    private final CompoundArgs args;
    private final List<Answer> answers = new ArrayList<>();

    private record Answer(int opcode, OpResult result) {
    }

    private CompoundRunner(Compound compound, CompoundArgs args) {
        this.compound = compound;
        this.args = args;
    }

    /**
     * Runs {@code args} in {@code compound}; the stage's reply belongs to the caller. The
     * arguments are released once the operations are done with them.
     */
    public static CompletionStage<ByteBuf> run(Compound compound, CompoundArgs args) {
        return new CompoundRunner(compound, args).run();
    }

    private CompletionStage<ByteBuf> run() {
        CompletionStage<Void> ran = args.refusal() == Nfs4Status.OK ? step(0) : CompletableFuture.completedFuture(null);
        return ran.handle((done, failure) -> {
            try {
                if (failure != null) {
                    if (compound.session() != null) {
                        compound.state().slotDone(compound.session(), compound.slotId(), null);
                    }
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                }
                return reply();
            } finally {
                answers.forEach(a -> a.result().release());
                args.release();
            }
        });
    }

    private CompletionStage<Void> step(int index) {
        if (index == args.ops().size()) {
            return CompletableFuture.completedFuture(null);
        }
        DecodedOp<?> op = args.ops().get(index);
        return attempt(index, op).thenCompose(result -> {
            answers.add(new Answer(op.opcode(), result));
            if (result instanceof SequenceReplay || result.status() != Nfs4Status.OK) {
                return CompletableFuture.completedFuture(null);
            }
            return step(index + 1);
        });
    }

    private CompletionStage<OpResult> attempt(int index, DecodedOp<?> op) {
        int misplaced = placement(index, op);
        if (misplaced != Nfs4Status.OK) {
            return CompletableFuture.completedFuture(op.failure(misplaced));
        }
        CompletionStage<OpResult> result;
        try {
            result = op.execute(compound);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((r, failure) -> failure == null ? r : op.failure(statusOf(failure, op.opcode())));
    }

    /** RFC 8881 2.10.6.5 and 18.46.3: SEQUENCE first, or one session-less operation alone. */
    private int placement(int index, DecodedOp<?> op) {
        if (compound.minorVersion() == 0 || op.operation() instanceof Refusal) {
            return Nfs4Status.OK;
        }
        int opcode = op.opcode();
        if (index > 0) {
            return opcode == Opcodes.SEQUENCE ? Nfs4Status.SEQUENCE_POS : Nfs4Status.OK;
        }
        if (opcode == Opcodes.SEQUENCE) {
            return Nfs4Status.OK;
        }
        if (SESSIONLESS.contains(opcode)) {
            return args.ops().size() > 1 ? Nfs4Status.NOT_ONLY_OP : Nfs4Status.OK;
        }
        return Nfs4Status.OP_NOT_IN_SESSION;
    }

    /** The nfsstat4 of a failed operation; anything but a protocol or VFS error is a server fault, logged. */
    public static int statusOf(Throwable failure, int opcode) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case Nfs4Exception e -> e.status();
            case XdrException e -> Nfs4Status.BADXDR;
            case VfsException e when e.error() != VfsError.SERVERFAULT -> Nfs4Status.of(e.error());
            default -> {
                SERVER_FAULT.warn("NFS4ERR_SERVERFAULT for operation {}", opcode, cause);
                yield Nfs4Status.SERVERFAULT;
            }
        };
    }

    private ByteBuf reply() {
        Session session = compound.session();
        Answer last = answers.isEmpty() ? null : answers.get(answers.size() - 1);
        if (last != null && last.result() instanceof SequenceReplay replay) {
            return replay(replay);
        }
        ByteBuf reply = null;
        try {
            reply = encode(answers, args.refusal() != Nfs4Status.OK ? args.refusal()
                    : last == null ? Nfs4Status.OK : last.result().status());
            return reply;
        } finally {
            if (session != null) {
                boolean keep = reply != null && compound.cacheThis()
                        && reply.readableBytes() <= session.fore().maxResponseSizeCached();
                compound.state().slotDone(session, compound.slotId(), keep ? ByteBufUtil.getBytes(reply) : null);
            }
        }
    }

    /** RFC 8881 2.10.6.1.3: the reply kept, or SEQUENCE's result and RETRY_UNCACHED_REP for what followed it. */
    private ByteBuf replay(SequenceReplay replay) {
        byte[] kept = replay.reply();
        if (kept != null) {
            return Unpooled.wrappedBuffer(kept);
        }
        List<Answer> uncached = new ArrayList<>(2);
        uncached.add(new Answer(Opcodes.SEQUENCE, replay.sequence()));
        if (args.ops().size() > 1) {
            uncached.add(new Answer(args.ops().get(1).opcode(), OpResult.of(Nfs4Status.RETRY_UNCACHED_REP)));
        }
        return encode(uncached, uncached.get(uncached.size() - 1).result().status());
    }

    private ByteBuf encode(List<Answer> results, int status) {
        ReplyWriter out = new ReplyWriter(compound.connection().alloc());
        try {
            out.xdr().writeInt(status).writeOpaque(args.tag()).writeInt(results.size());
            for (Answer a : results) {
                out.xdr().writeInt(a.opcode()).writeInt(a.result().status());
                a.result().encode(out);
            }
            return out.finish();
        } catch (RuntimeException e) {
            out.discard();
            throw e;
        }
    }
}
