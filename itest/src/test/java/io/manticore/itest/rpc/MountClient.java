package io.manticore.itest.rpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** MOUNT version 3 (RFC 1813 5.2) over an {@link RpcClient}. */
public final class MountClient {

    public static final int PROGRAM = 100005;
    public static final int VERSION = 3;
    public static final int MNT = 1;
    public static final int DUMP = 2;
    public static final int UMNT = 3;
    public static final int UMNTALL = 4;
    public static final int EXPORT = 5;

    public static final int MNT3_OK = 0;
    public static final int MNT3ERR_NOENT = 2;
    public static final int MNT3ERR_ACCES = 13;
    public static final int MNT3ERR_NOTDIR = 20;

    private final RpcClient rpc;
    private final Auth auth;

    public MountClient(RpcClient rpc, Auth auth) {
        this.rpc = rpc;
        this.auth = auth;
    }

    /** mountres3: the status and, for MNT3_OK, the root handle and the flavours accepted. */
    public record Mnt(int status, byte[] fh, int[] flavors) {
    }

    /** A mountbody of DUMP. */
    public record Mounted(String host, String path) {
    }

    /** An exportnode of EXPORT. */
    public record Exported(String path, List<String> groups) {
    }

    public Mnt mnt(String path) throws IOException {
        XdrReader in = call(MNT, new XdrWriter().writeString(path).toByteArray());
        int status = in.readInt();
        if (status != MNT3_OK) {
            in.end();
            return new Mnt(status, null, null);
        }
        byte[] fh = in.readOpaque();
        int[] flavors = in.readIntArray();
        in.end();
        return new Mnt(status, fh, flavors);
    }

    /** The root handle of {@code path}, failing the test unless MNT succeeds. */
    public byte[] root(String path) throws IOException {
        Mnt m = mnt(path);
        if (m.status() != MNT3_OK) {
            throw new AssertionError("MNT " + path + " answered " + m.status());
        }
        return m.fh();
    }

    public List<Mounted> dump() throws IOException {
        XdrReader in = call(DUMP, new byte[0]);
        List<Mounted> out = new ArrayList<>();
        while (in.readBool()) {
            out.add(new Mounted(in.readString(), in.readString()));
        }
        in.end();
        return out;
    }

    public void umnt(String path) throws IOException {
        call(UMNT, new XdrWriter().writeString(path).toByteArray()).end();
    }

    public void umntAll() throws IOException {
        call(UMNTALL, new byte[0]).end();
    }

    public List<Exported> export() throws IOException {
        XdrReader in = call(EXPORT, new byte[0]);
        List<Exported> out = new ArrayList<>();
        while (in.readBool()) {
            String path = in.readString();
            List<String> groups = new ArrayList<>();
            while (in.readBool()) {
                groups.add(in.readString());
            }
            out.add(new Exported(path, List.copyOf(groups)));
        }
        in.end();
        return out;
    }

    private XdrReader call(int procedure, byte[] args) throws IOException {
        return rpc.call(PROGRAM, VERSION, procedure, auth, args).success();
    }
}
