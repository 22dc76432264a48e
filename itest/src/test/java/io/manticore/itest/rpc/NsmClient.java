package io.manticore.itest.rpc;

import java.io.IOException;

/** NSM, the status monitor (program 100024 version 1, XNFS), over an {@link RpcClient}: what a rebooted client calls. */
public final class NsmClient {

    public static final int PROGRAM = 100024;
    public static final int VERSION = 1;
    public static final int SM_STAT = 1;
    public static final int SM_NOTIFY = 6;

    /** sm_res. */
    public static final int STAT_SUCC = 0;
    public static final int STAT_FAIL = 1;

    private final RpcClient rpc;
    private final Auth auth;

    public NsmClient(RpcClient rpc, Auth auth) {
        this.rpc = rpc;
        this.auth = auth;
    }

    /** sm_stat_res: whether the host is monitored, and the server's state number. */
    public record Stat(int result, int state) {
    }

    public Stat stat(String host) throws IOException {
        XdrReader in = rpc.call(PROGRAM, VERSION, SM_STAT, auth, new XdrWriter().writeString(host).toByteArray()).success();
        Stat stat = new Stat(in.readInt(), in.readInt());
        in.end();
        return stat;
    }

    /** SM_NOTIFY (stat_chge: the rebooted host's name and its new state); the result is void. */
    public void notify(String host, int state) throws IOException {
        rpc.call(PROGRAM, VERSION, SM_NOTIFY, auth, new XdrWriter().writeString(host).writeInt(state).toByteArray())
                .success().end();
    }
}
