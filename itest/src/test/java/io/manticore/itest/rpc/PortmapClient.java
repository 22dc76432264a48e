package io.manticore.itest.rpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The port mapper (program 100000 version 2, RFC 1833 3) and rpcbind (versions 3 and 4,
 * RFC 1833 2) over an {@link RpcClient}. Every reply is read to its last byte.
 */
public final class PortmapClient {

    public static final int PROGRAM = 100000;
    public static final int PMAP_VERSION = 2;
    public static final int RPCB_VERSION_3 = 3;
    public static final int RPCB_VERSION_4 = 4;

    public static final int SET = 1;
    public static final int UNSET = 2;
    public static final int GETPORT = 3;
    public static final int DUMP = 4;
    /** rpcbind's procedure 3. */
    public static final int GETADDR = 3;

    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;

    private final RpcClient rpc;
    private final Auth auth;

    public PortmapClient(RpcClient rpc, Auth auth) {
        this.rpc = rpc;
        this.auth = auth;
    }

    /** mapping (RFC 1833 3.1). */
    public record Mapping(int program, int version, int protocol, int port) {

        void write(XdrWriter out) {
            out.writeInt(program).writeInt(version).writeInt(protocol).writeInt(port);
        }
    }

    /** rpcb (RFC 1833 2.1). */
    public record Rpcb(int program, int version, String netid, String address, String owner) {

        void write(XdrWriter out) {
            out.writeInt(program).writeInt(version).writeString(netid).writeString(address).writeString(owner);
        }
    }

    public int getport(int program, int version, int protocol) throws IOException {
        XdrWriter w = new XdrWriter();
        new Mapping(program, version, protocol, 0).write(w);
        XdrReader in = call(PMAP_VERSION, GETPORT, w.toByteArray());
        int port = in.readInt();
        in.end();
        return port;
    }

    public boolean set(Mapping mapping) throws IOException {
        XdrWriter w = new XdrWriter();
        mapping.write(w);
        return bool(call(PMAP_VERSION, SET, w.toByteArray()));
    }

    /** PMAP UNSET: the protocol and port of the mapping are ignored (RFC 1833 3.2). */
    public boolean unset(int program, int version) throws IOException {
        XdrWriter w = new XdrWriter();
        new Mapping(program, version, 0, 0).write(w);
        return bool(call(PMAP_VERSION, UNSET, w.toByteArray()));
    }

    public List<Mapping> dump() throws IOException {
        XdrReader in = call(PMAP_VERSION, DUMP, new byte[0]);
        List<Mapping> out = new ArrayList<>();
        while (in.readBool()) {
            out.add(new Mapping(in.readInt(), in.readInt(), in.readInt(), in.readInt()));
        }
        in.end();
        return out;
    }

    /** rpcbind GETADDR of {@code rpcbVersion} (3 or 4): the universal address, or "" when not registered. */
    public String getaddr(int rpcbVersion, int program, int version, String netid) throws IOException {
        XdrWriter w = new XdrWriter();
        new Rpcb(program, version, netid, "", "").write(w);
        XdrReader in = call(rpcbVersion, GETADDR, w.toByteArray());
        String address = in.readString();
        in.end();
        return address;
    }

    public List<Rpcb> rpcbDump(int rpcbVersion) throws IOException {
        XdrReader in = call(rpcbVersion, DUMP, new byte[0]);
        List<Rpcb> out = new ArrayList<>();
        while (in.readBool()) {
            out.add(new Rpcb(in.readInt(), in.readInt(), in.readString(), in.readString(), in.readString()));
        }
        in.end();
        return out;
    }

    private XdrReader call(int version, int procedure, byte[] args) throws IOException {
        return rpc.call(PROGRAM, version, procedure, auth, args).success();
    }

    private static boolean bool(XdrReader in) {
        boolean value = in.readBool();
        in.end();
        return value;
    }
}
