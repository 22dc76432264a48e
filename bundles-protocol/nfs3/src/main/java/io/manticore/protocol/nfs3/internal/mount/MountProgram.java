package io.manticore.protocol.nfs3.internal.mount;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.config.AddressRange;
import io.manticore.api.cred.Cred;
import io.manticore.protocol.nfs3.internal.Callers;
import io.manticore.protocol.nfs3.internal.NfsServer;
import io.manticore.protocol.nfs3.internal.client.ClientRecord;
import io.manticore.protocol.nfscommon.internal.export.Export;
import io.manticore.protocol.oncrpc.internal.AuthFlavor;
import io.manticore.protocol.oncrpc.internal.AuthSys;
import io.manticore.protocol.oncrpc.internal.RpcCall;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MOUNT (program 100005, RFC 1813 5) for the calls of one channel. Versions 1 and 2 serve DUMP, UMNT,
 * UMNTALL and EXPORT; MNT needs version 3, since only NFSv3 is served.
 */
public final class MountProgram implements RpcProgram {

    public static final int PROGRAM = 100005;
    static final int MNTPATHLEN = 1024;
    static final int MNT = 1;
    static final int DUMP = 2;
    static final int UMNT = 3;
    static final int UMNTALL = 4;
    static final int EXPORT = 5;

    private static final Logger LOG = LoggerFactory.getLogger(MountProgram.class);

    private final NfsServer server;
    private final Callers callers;

    public MountProgram(NfsServer server, Callers callers) {
        this.server = server;
        this.callers = callers;
    }

    @Override
    public int program() {
        return PROGRAM;
    }

    @Override
    public int lowestVersion() {
        return 1;
    }

    @Override
    public int highestVersion() {
        return 3;
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case 0 -> (call, args) -> done(RpcResult.success(out -> { }));
            case MNT -> version == 3 ? this::mnt : null;
            case DUMP -> (call, args) -> done(RpcResult.success(this::dump));
            case UMNT -> this::umnt;
            case UMNTALL -> (call, args) -> {
                server.clients().unmountedAll(callers.of(call).peer());
                return done(RpcResult.success(out -> { }));
            };
            case EXPORT -> (call, args) -> done(RpcResult.success(this::exports));
            default -> null;
        };
    }

    private CompletionStage<RpcResult> mnt(RpcCall call, XdrDecoder args) {
        String path = MountPaths.normalize(args.readString(MNTPATHLEN));
        InetAddress peer = callers.of(call).peer();
        Export export = path == null ? null : server.exports().covering(path);
        if (export == null || !export.admits(peer)) {
            LOG.info("MOUNT of {} refused to {}: {}", path, peer.getHostAddress(),
                    export == null ? "not exported" : "not in the export's client list");
            return done(status(MountStatus.ACCES));
        }
        Cred cred = call.credential() instanceof AuthSys sys ? export.map(sys.toCred()) : export.anonymous();
        return server.vfs().resolve(cred, path).handle((found, failure) -> {
            if (failure != null) {
                return status(MountStatus.of(failure));
            }
            if (!found.attrs().isDirectory()) {
                return status(MountStatus.NOTDIR);
            }
            if (!server.clients().mounted(peer, path)) {
                LOG.warn("{} has too many mounts recorded; {} is served but not listed by DUMP", peer.getHostAddress(), path);
            }
            byte[] handle = server.handles().encode(export.id(), found.fh());
            return RpcResult.success(out -> {
                out.writeInt(MountStatus.OK);
                out.writeOpaque(handle);
                out.writeIntArray(new int[] {AuthFlavor.AUTH_SYS});
            });
        });
    }

    private CompletionStage<RpcResult> umnt(RpcCall call, XdrDecoder args) {
        String path = MountPaths.normalize(args.readString(MNTPATHLEN));
        if (path != null) {
            server.clients().unmounted(callers.of(call).peer(), path);
        }
        return done(RpcResult.success(out -> { }));
    }

    private void dump(XdrEncoder out) {
        for (ClientRecord client : server.clients().all()) {
            for (String path : client.mounts()) {
                out.writeBool(true);
                out.writeString(client.address().getHostAddress());
                out.writeString(path);
            }
        }
        out.writeBool(false);
    }

    private void exports(XdrEncoder out) {
        for (Export export : server.exports().all()) {
            out.writeBool(true);
            out.writeString(export.path());
            for (AddressRange range : export.clients()) {
                out.writeBool(true);
                out.writeString(range.toString());
            }
            out.writeBool(false);
        }
        out.writeBool(false);
    }

    private static RpcResult status(int status) {
        return RpcResult.success(out -> out.writeInt(status));
    }

    private static CompletionStage<RpcResult> done(RpcResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
