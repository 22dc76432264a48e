package io.manticore.protocol.smb.internal.rpc;

import io.manticore.protocol.smb.internal.SmbServer;
import io.netty.buffer.ByteBuf;

/** wkssvc (MS-WKST): NetrWkstaGetInfo level 100, naming the server and its domain. */
final class Wkssvc implements RpcService {

    private static final byte[] UUID = Uuids.wire("6bffd098-a112-3610-9833-46c3f87e345a");
    private static final int NETR_WKSTA_GET_INFO = 0;
    private static final long PLATFORM_ID_NT = 500;
    private static final long ERROR_INVALID_LEVEL = 124;

    private final SmbServer server;

    Wkssvc(SmbServer server) {
        this.server = server;
    }

    @Override
    public byte[] uuid() {
        return UUID.clone();
    }

    @Override
    public int majorVersion() {
        return 1;
    }

    @Override
    public boolean call(int opnum, ByteBuf request, ByteBuf response) {
        if (opnum != NETR_WKSTA_GET_INFO) {
            return false;
        }
        NdrReader in = new NdrReader(request);
        in.uniqueString();
        int level = (int) in.u32();
        NdrWriter out = new NdrWriter(response);
        if (level != 100) {
            out.u32(level).nullPointer().u32(ERROR_INVALID_LEVEL);
            return true;
        }
        out.u32(level).pointer();
        out.u32(PLATFORM_ID_NT).pointer().pointer().u32(10).u32(0);
        out.string(server.options().serverName()).string(server.options().domain());
        out.u32(0);
        return true;
    }
}
