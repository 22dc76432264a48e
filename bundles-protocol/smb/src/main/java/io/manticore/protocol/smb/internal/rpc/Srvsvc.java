package io.manticore.protocol.smb.internal.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.manticore.api.config.ShareConfig;
import io.manticore.protocol.smb.internal.SmbServer;
import io.netty.buffer.ByteBuf;

/** srvsvc (MS-SRVS): NetrShareEnum levels 0 and 1 and NetrShareGetInfo levels 0, 1, 2, 501 and 1005. */
final class Srvsvc implements RpcService {

    private static final byte[] UUID = Uuids.wire("4b324fc8-1670-01d3-1278-5a47bf6ee188");
    private static final int NETR_SHARE_ENUM = 15;
    private static final int NETR_SHARE_GET_INFO = 16;
    private static final long STYPE_DISKTREE = 0;
    private static final long STYPE_IPC_SPECIAL = 0x80000003L;
    private static final long ERROR_INVALID_LEVEL = 124;
    private static final long NERR_NET_NAME_NOT_FOUND = 2310;

    private final SmbServer server;

    Srvsvc(SmbServer server) {
        this.server = server;
    }

    @Override
    public byte[] uuid() {
        return UUID.clone();
    }

    @Override
    public int majorVersion() {
        return 3;
    }

    @Override
    public boolean call(int opnum, ByteBuf request, ByteBuf response) {
        NdrReader in = new NdrReader(request);
        NdrWriter out = new NdrWriter(response);
        switch (opnum) {
            case NETR_SHARE_ENUM -> {
                in.uniqueString();
                enumerate((int) in.u32(), out);
                return true;
            }
            case NETR_SHARE_GET_INFO -> {
                in.uniqueString();
                String name = in.string();
                getInfo(name, (int) in.u32(), out);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void enumerate(int level, NdrWriter out) {
        List<Share> shares = shares();
        if (level != 0 && level != 1) {
            out.u32(level).u32(level).nullPointer().u32(0).nullPointer().u32(ERROR_INVALID_LEVEL);
            return;
        }
        out.u32(level).u32(level).pointer();
        out.u32(shares.size()).pointer();
        out.u32(shares.size());
        for (Share share : shares) {
            out.pointer();
            if (level == 1) {
                out.u32(share.type()).pointer();
            }
        }
        for (Share share : shares) {
            out.string(share.name());
            if (level == 1) {
                out.string(share.comment());
            }
        }
        out.u32(shares.size());
        out.nullPointer();
        out.u32(0);
    }

    private void getInfo(String name, int level, NdrWriter out) {
        Share share = null;
        for (Share s : shares()) {
            if (s.name().equalsIgnoreCase(name)) {
                share = s;
            }
        }
        if (share == null) {
            out.u32(level).nullPointer().u32(NERR_NET_NAME_NOT_FOUND);
            return;
        }
        out.u32(level);
        switch (level) {
            case 0 -> out.pointer().pointer().string(share.name());
            case 1 -> out.pointer().pointer().u32(share.type()).pointer().string(share.name()).string(share.comment());
            case 2 -> out.pointer().pointer().u32(share.type()).pointer().u32(0).u32(0xFFFFFFFFL).u32(0).pointer()
                    .nullPointer().string(share.name()).string(share.comment()).string("C:\\" + share.name());
            case 501 -> out.pointer().pointer().u32(share.type()).pointer().u32(0).string(share.name())
                    .string(share.comment());
            case 1005 -> out.pointer().u32(0);
            default -> {
                out.nullPointer().u32(ERROR_INVALID_LEVEL);
                return;
            }
        }
        out.u32(0);
    }

    private List<Share> shares() {
        List<Share> out = new ArrayList<>();
        for (Map.Entry<String, ShareConfig> e : server.config().current().shares().entrySet()) {
            String comment = e.getValue().comment() == null ? "" : e.getValue().comment();
            out.add(new Share(e.getKey(), STYPE_DISKTREE, comment));
        }
        out.add(new Share("IPC$", STYPE_IPC_SPECIAL, "IPC Service"));
        return out;
    }

    private record Share(String name, long type, String comment) {
    }
}
