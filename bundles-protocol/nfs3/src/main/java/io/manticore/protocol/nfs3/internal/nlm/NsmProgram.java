package io.manticore.protocol.nfs3.internal.nlm;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs3.internal.Callers;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NSM, the status monitor (program 100024 v1), as far as a server needs it: SM_NOTIFY from a
 * client that rebooted releases the locks it held, SM_STAT reports this server's state.
 * Monitoring on behalf of a local lock manager (SM_MON and the rest) has no user here and is
 * refused with stat_fail.
 */
public final class NsmProgram implements RpcProgram {

    static final int SM_STAT = 1;
    static final int SM_MON = 2;
    static final int SM_UNMON = 3;
    static final int SM_UNMON_ALL = 4;
    static final int SM_SIMU_CRASH = 5;
    static final int SM_NOTIFY = 6;
    static final int STAT_SUCC = 0;
    static final int STAT_FAIL = 1;
    /** SM_MAXSTRLEN. */
    static final int MAX_NAME = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(NsmProgram.class);

    private final NlmService service;
    private final Callers callers;

    public NsmProgram(NlmService service, Callers callers) {
        this.service = service;
        this.callers = callers;
    }

    @Override
    public int program() {
        return NlmService.NSM_PROGRAM;
    }

    @Override
    public int lowestVersion() {
        return 1;
    }

    @Override
    public int highestVersion() {
        return 1;
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case 0, SM_SIMU_CRASH -> (call, args) -> done(RpcResult.success(out -> { }));
            case SM_STAT -> (call, args) -> {
                args.readString(MAX_NAME);
                return done(statRes(STAT_SUCC));
            };
            case SM_MON -> (call, args) -> done(statRes(STAT_FAIL));
            case SM_UNMON, SM_UNMON_ALL -> (call, args) -> done(RpcResult.success(out -> out.writeInt(service.state())));
            case SM_NOTIFY -> (call, args) -> {
                InetAddress peer = callers.of(call).peer();
                String name = args.readString(MAX_NAME);
                int state = args.readInt();
                int released = service.releaseHost(name, peer);
                if (released >= 0) {
                    LOG.info("SM_NOTIFY from {}: {} restarted (state {}), {} lock(s) and request(s) released",
                            peer.getHostAddress(), name, state, released);
                }
                return done(RpcResult.success(out -> { }));
            };
            default -> null;
        };
    }

    private RpcResult statRes(int result) {
        return RpcResult.success(out -> out.writeInt(result).writeInt(service.state()));
    }

    private static CompletionStage<RpcResult> done(RpcResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
