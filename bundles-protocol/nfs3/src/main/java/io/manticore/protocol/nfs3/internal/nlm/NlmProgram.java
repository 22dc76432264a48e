package io.manticore.protocol.nfs3.internal.nlm;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockResult;
import io.manticore.api.lease.LockStatus;
import io.manticore.api.lease.ShareResult;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs3.internal.Callers;
import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NLM version 4 (program 100021, XNFS) for the calls of one channel: TEST, LOCK, CANCEL, UNLOCK,
 * NM_LOCK, FREE_ALL, SHARE and UNSHARE over core's lease manager. A blocked LOCK is answered
 * BLOCKED and the client is called back (NLM4_GRANTED) when the lock is granted. The
 * asynchronous TEST_MSG, LOCK_MSG, CANCEL_MSG and UNLOCK_MSG run as their synchronous twins and
 * send the result back as TEST_RES … UNLOCK_RES; the server holds no blocked lock of its own, so
 * GRANTED and GRANTED_MSG are answered DENIED, and the _RES procedures are accepted and ignored.
 */
public final class NlmProgram implements RpcProgram {

    static final int TEST = 1;
    static final int LOCK = 2;
    static final int CANCEL = 3;
    static final int UNLOCK = 4;
    static final int GRANTED = 5;
    /** TEST_MSG … GRANTED_MSG are 6 … 10; their _RES are 5 further, 11 … 15. */
    static final int MSG_OFFSET = 5;
    static final int RES_OFFSET = 10;
    static final int SHARE = 20;
    static final int UNSHARE = 21;
    static final int NM_LOCK = 22;
    static final int FREE_ALL = 23;

    private static final Logger LOG = LoggerFactory.getLogger(NlmProgram.class);

    private final NlmService service;
    private final Callers callers;

    public NlmProgram(NlmService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @Override
    public int program() {
        return NlmService.NLM_PROGRAM;
    }

    @Override
    public int lowestVersion() {
        return NlmService.NLM_VERSION;
    }

    @Override
    public int highestVersion() {
        return NlmService.NLM_VERSION;
    }

    @Override
    public boolean cachesReplies(int version, int procedure) {
        return procedure == LOCK || procedure == CANCEL || procedure == UNLOCK || procedure == NM_LOCK
                || procedure == SHARE || procedure == UNSHARE;
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        if (procedure > GRANTED + MSG_OFFSET && procedure <= GRANTED + RES_OFFSET) {
            return (call, args) -> done(RpcResult.success(out -> { })); // a _RES: we send GRANTED synchronously
        }
        if (procedure >= TEST + MSG_OFFSET && procedure <= GRANTED + MSG_OFFSET) {
            RpcProcedure twin = synchronous(procedure - MSG_OFFSET);
            return (call, args) -> message(call, args, twin, procedure - MSG_OFFSET + RES_OFFSET);
        }
        return synchronous(procedure);
    }

    private RpcProcedure synchronous(int procedure) {
        return switch (procedure) {
            case 0 -> (call, args) -> done(RpcResult.success(out -> { }));
            case TEST -> this::test;
            case LOCK -> (call, args) -> lock(call, args, true);
            case CANCEL -> this::cancel;
            case UNLOCK -> this::unlock;
            case GRANTED -> this::granted;
            case SHARE -> (call, args) -> share(call, args, true);
            case UNSHARE -> (call, args) -> share(call, args, false);
            case NM_LOCK -> (call, args) -> lock(call, args, false);
            case FREE_ALL -> this::freeAll;
            default -> null;
        };
    }

    /** A _MSG call: runs as {@code twin}, sends twin's result to the caller's NLM as {@code resProcedure}, answers void. */
    private CompletionStage<RpcResult> message(RpcCall call, XdrDecoder args, RpcProcedure twin, int resProcedure) {
        InetAddress peer = callers.of(call).peer();
        return twin.call(call, args).thenApply(result -> {
            if (result instanceof RpcResult.Written written) {
                service.sendResult(peer, resProcedure, written.results());
            } else {
                result.discard();
            }
            return RpcResult.success(out -> { });
        });
    }

    /** NLM4_GRANTED: this server is no NLM client and waits for no lock, so nothing it asked for is granted. */
    private CompletionStage<RpcResult> granted(RpcCall call, XdrDecoder args) {
        byte[] cookie = args.readOpaqueBytes(NlmLock.MAX_NETOBJ);
        args.readBool();
        NlmLock.decode(args);
        return done(res(cookie, NlmStatus.DENIED));
    }

    /** SHARE and UNSHARE (nlm4_shareargs in, nlm4_shareres out); in the grace period only reclaims. */
    private CompletionStage<RpcResult> share(RpcCall call, XdrDecoder args, boolean share) {
        InetAddress peer = callers.of(call).peer();
        byte[] cookie = args.readOpaqueBytes(NlmLock.MAX_NETOBJ);
        NlmShare request = NlmShare.decode(args);
        boolean reclaim = args.readBool();
        int status;
        if (share && service.inGrace() != reclaim) {
            status = NlmStatus.DENIED_GRACE_PERIOD;
        } else {
            status = shareStatus(request, peer, share);
        }
        return done(RpcResult.success(out -> {
            out.writeOpaque(cookie);
            out.writeInt(status);
            out.writeInt(0); // sequence: unused by clients
        }));
    }

    private int shareStatus(NlmShare request, InetAddress peer, boolean share) {
        FileHandle fh;
        try {
            fh = service.file(request.fh(), peer);
        } catch (VfsException e) {
            return NlmService.handleStatus(e);
        }
        if (!share) {
            service.leases().unshare(fh, request.owner());
            return NlmStatus.GRANTED;
        }
        ShareResult result = service.leases().share(fh, request.owner(), request.shareMode());
        if (result.isGranted()) {
            service.holder(request.callerName(), peer, true);
        }
        return NlmStatus.of(result.status());
    }

    private CompletionStage<RpcResult> test(RpcCall call, XdrDecoder args) {
        InetAddress peer = callers.of(call).peer();
        byte[] cookie = args.readOpaqueBytes(NlmLock.MAX_NETOBJ);
        boolean exclusive = args.readBool();
        NlmLock lock = NlmLock.decode(args);
        return done(onFile(cookie, lock, peer, !service.inGrace(), fh -> {
            Optional<LockInfo> holder = service.leases().testLock(fh, lock.owner(), lock.range(), exclusive);
            return RpcResult.success(out -> {
                out.writeOpaque(cookie);
                if (holder.isEmpty()) {
                    out.writeInt(NlmStatus.GRANTED);
                } else {
                    out.writeInt(NlmStatus.DENIED);
                    NlmLock.encodeHolder(out, holder.get());
                }
            });
        }));
    }

    /** LOCK (monitored: the host is recorded for SM_NOTIFY) and NM_LOCK (never blocks, not monitored). */
    private CompletionStage<RpcResult> lock(RpcCall call, XdrDecoder args, boolean monitored) {
        InetAddress peer = callers.of(call).peer();
        byte[] cookie = args.readOpaqueBytes(NlmLock.MAX_NETOBJ);
        boolean block = args.readBool() && monitored;
        boolean exclusive = args.readBool();
        NlmLock lock = NlmLock.decode(args);
        boolean reclaim = args.readBool();
        args.readInt(); // the client's NSM state: its reboots reach us as SM_NOTIFY instead
        // In the grace period only reclaims are granted; after it, reclaims are refused.
        return done(onFile(cookie, lock, peer, service.inGrace() == reclaim, fh -> {
            LockResult result = service.leases().lock(fh, lock.owner(), lock.range(), exclusive, block);
            if (result.status() == LockStatus.GRANTED || result.status() == LockStatus.BLOCKED) {
                service.holder(lock.callerName(), peer, monitored);
            }
            if (result.status() == LockStatus.BLOCKED) {
                service.callBackWhenGranted(result.pending(), peer, cookie, lock);
            }
            return res(cookie, NlmStatus.of(result.status()));
        }));
    }

    private CompletionStage<RpcResult> cancel(RpcCall call, XdrDecoder args) {
        InetAddress peer = callers.of(call).peer();
        byte[] cookie = args.readOpaqueBytes(NlmLock.MAX_NETOBJ);
        args.readBool();
        boolean exclusive = args.readBool();
        NlmLock lock = NlmLock.decode(args);
        return done(onFile(cookie, lock, peer, !service.inGrace(), fh -> res(cookie,
                service.leases().cancelLock(fh, lock.owner(), lock.range(), exclusive) ? NlmStatus.GRANTED : NlmStatus.DENIED)));
    }

    private CompletionStage<RpcResult> unlock(RpcCall call, XdrDecoder args) {
        InetAddress peer = callers.of(call).peer();
        byte[] cookie = args.readOpaqueBytes(NlmLock.MAX_NETOBJ);
        NlmLock lock = NlmLock.decode(args);
        return done(onFile(cookie, lock, peer, !service.inGrace(), fh -> res(cookie,
                service.leases().unlock(fh, lock.owner(), lock.range()) ? NlmStatus.GRANTED : NlmStatus.DENIED_NOLOCKS)));
    }

    /**
     * Runs {@code action} on the file {@code lock} names, or answers DENIED_GRACE_PERIOD when
     * the grace period does not {@code allow} the call, or the status of a handle that fails its check.
     */
    private RpcResult onFile(byte[] cookie, NlmLock lock, InetAddress peer, boolean allowed,
                             Function<FileHandle, RpcResult> action) {
        if (!allowed) {
            return res(cookie, NlmStatus.DENIED_GRACE_PERIOD);
        }
        FileHandle fh;
        try {
            fh = service.file(lock.fh(), peer);
        } catch (VfsException e) {
            return res(cookie, NlmService.handleStatus(e));
        }
        return action.apply(fh);
    }

    private CompletionStage<RpcResult> freeAll(RpcCall call, XdrDecoder args) {
        InetAddress peer = callers.of(call).peer();
        String name = args.readString(NlmLock.MAX_NAME);
        args.readInt();
        int released = service.releaseHost(name, peer);
        if (released >= 0) {
            LOG.info("NLM FREE_ALL from {} for {}: {} lock(s) and request(s) released", peer.getHostAddress(), name, released);
        }
        return done(RpcResult.success(out -> { }));
    }

    /** nlm4_res. */
    private static RpcResult res(byte[] cookie, int status) {
        return RpcResult.success(out -> {
            out.writeOpaque(cookie);
            out.writeInt(status);
        });
    }

    private static CompletionStage<RpcResult> done(RpcResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
