package io.manticore.protocol.nfs4.internal.compound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.nfs4.internal.Connection;
import io.manticore.protocol.nfs4.internal.Nfs4Server;
import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/**
 * NFS version 4 (program 100003, RFC 7530 16, RFC 8881 16) for the calls of one connection: NULL
 * and COMPOUND. No duplicate-request cache: NFSv4.0's state-changing operations carry seqids
 * that answer their own retransmissions, and NFSv4.1 sessions keep replies in their slots.
 */
public final class Nfs4Program implements RpcProgram {

    public static final int PROGRAM = 100003;
    public static final int VERSION = 4;
    private static final int NULL = 0;
    private static final int COMPOUND = 1;

    private final Nfs4Server server;
    private final Connection connection;
    private final CompoundDecoder decoder;

    public Nfs4Program(Nfs4Server server, Operations operations, Connection connection) {
        this.server = server;
        this.connection = connection;
        this.decoder = new CompoundDecoder(operations, server.settings().maxOperations());
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

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case NULL -> (call, args) -> CompletableFuture.completedFuture(RpcResult.success(out -> { }));
            case COMPOUND -> this::compound;
            default -> null;
        };
    }

    private CompletionStage<RpcResult> compound(RpcCall call, XdrDecoder args) {
        int requestBytes = args.remaining();
        CompoundArgs decoded = decoder.decode(args);
        Compound compound = new Compound(server, connection, call.credential(), decoded.minorVersion(),
                decoded.ops().size(), requestBytes);
        connection.begin();
        CompletionStage<RpcResult> result;
        try {
            result = CompoundRunner.run(compound, decoded).thenApply(RpcResult::success);
        } catch (RuntimeException e) {
            connection.end();
            throw e;
        }
        return result.whenComplete((r, failure) -> connection.end());
    }
}
