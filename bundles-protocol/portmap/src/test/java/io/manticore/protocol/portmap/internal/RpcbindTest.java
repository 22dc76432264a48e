package io.manticore.protocol.portmap.internal;

import static io.manticore.protocol.portmap.internal.PortmapFixture.assertReply;
import static io.manticore.protocol.portmap.internal.PortmapFixture.exchange;
import static io.manticore.protocol.portmap.internal.PortmapFixture.hex;
import static org.junit.Assert.assertEquals;

import io.manticore.api.admin.ListenerInfo;
import io.manticore.testkit.LeakCheck;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** rpcbind, versions 3 and 4 (RFC 1833 2), driven with hand-written call records. */
public class RpcbindTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final int V3 = 3;
    private static final int V4 = 4;
    private static final int NFS = 100003;
    private static final int NLM = 100021;

    private final PortmapFixture fixture = new PortmapFixture();
    private EmbeddedChannel local;
    private EmbeddedChannel local6;
    private EmbeddedChannel remote;
    private EmbeddedChannel remote6;

    @Before
    public void serveNfsOnEveryAddress() {
        fixture.declare("nfs3", "100003:3");
        fixture.bound("nfs3", "0.0.0.0", 2049);
        local = fixture.connect("127.0.0.1", "127.0.0.1");
        local6 = fixture.connect("::1", "::1");
        remote = fixture.connect("192.0.2.10", "192.0.2.77");
        remote6 = fixture.connect("2001:db8::5", "2001:db8::77");
    }

    @After
    public void close() {
        fixture.close();
    }

    private static Xdr rpcb(int xid, int version, int procedure, int program, int programVersion, String netid,
                            String address, String owner) {
        return Xdr.call(xid, version, procedure).rpcb(program, programVersion, netid, address, owner);
    }

    private static Xdr getaddr(int xid, int version, int program, int programVersion, String netid) {
        return rpcb(xid, version, RpcbProcedures.GETADDR, program, programVersion, netid, "", "");
    }

    private static Xdr address(int xid, String uaddr) {
        return Xdr.success(xid).string(uaddr);
    }

    private static Xdr bool(int xid, boolean value) {
        return Xdr.success(xid).bool(value);
    }

    private void listenOnEveryIpv6Address() {
        fixture.listeners.set(0, new ListenerInfo("nfs3", "tcp", "::", 2049, "BOUND", 2049, 0, ""));
    }

    @Test
    public void nullProcedureOfBothVersionsAnswersAnEmptySuccess() {
        assertReply(remote, Xdr.call(1, V3, RpcbProcedures.NULL), Xdr.success(1));
        assertReply(remote, Xdr.call(2, V4, RpcbProcedures.NULL), Xdr.success(2));
    }

    @Test
    public void getaddrOfAWildcardListenerAnswersTheAddressTheCallerReached() {
        byte[] reply = exchange(remote, getaddr(0x77, V3, NFS, 3, "tcp"));
        // "192.0.2.10.8.1": 2049 is 8 * 256 + 1
        assertEquals("8000002c" + "00000077" + "00000001" + "00000000" + "00000000" + "00000000" + "00000000"
                + "0000000e" + "3139322e302e322e31302e382e31" + "0000", hex(reply));
    }

    @Test
    public void getaddrOverIpv6AnswersTheTcp6AddressOfADualStackListener() {
        listenOnEveryIpv6Address();
        assertReply(remote6, getaddr(3, V4, NFS, 3, "tcp6"), address(3, "2001:db8::5.8.1"));
        assertReply(remote, getaddr(4, V4, NFS, 3, "tcp"), address(4, "192.0.2.10.8.1"));
    }

    @Test
    public void getaddrIgnoresTheNetidAskedForTheNetidOfTheConnection() {
        assertReply(remote, getaddr(5, V3, NFS, 3, "udp6"), address(5, "192.0.2.10.8.1"));
    }

    @Test
    public void getaddrOverIpv6OfAnIpv4OnlyListenerIsEmpty() {
        assertReply(remote6, getaddr(6, V3, NFS, 3, "tcp6"), address(6, ""));
    }

    @Test
    public void getaddrOfAListenerOnOneAddressAnswersThatAddress() {
        fixture.listeners.set(0, new ListenerInfo("nfs3", "tcp", "10.1.2.3", 2049, "BOUND", 2049, 0, ""));
        assertReply(remote, getaddr(7, V3, NFS, 3, "tcp"), address(7, "10.1.2.3.8.1"));
    }

    @Test
    public void getaddrOfAnUnknownProgramIsEmpty() {
        assertReply(remote, getaddr(8, V3, 100099, 1, "tcp"), address(8, ""));
    }

    @Test
    public void getaddrOfAnotherVersionAnswersAServedVersionSoItsServerCanTellTheRange() {
        assertReply(remote, getaddr(9, V4, NFS, 0, "tcp"), address(9, "192.0.2.10.8.1"));
    }

    @Test
    public void getversaddrAnswersOnlyTheVersionAsked() {
        assertReply(remote, rpcb(10, V4, RpcbProcedures.GETVERSADDR, NFS, 3, "tcp", "", ""), address(10, "192.0.2.10.8.1"));
        assertReply(remote, rpcb(11, V4, RpcbProcedures.GETVERSADDR, NFS, 2, "tcp", "", ""), address(11, ""));
    }

    @Test
    public void dumpListsEveryNetidWithItsUnmergedAddressAndOwner() {
        listenOnEveryIpv6Address();
        assertReply(local6, rpcb(12, V4, RpcbProcedures.SET, NLM, 4, "udp6", "::1.128.35", "statd"), bool(12, true));
        assertReply(remote, Xdr.call(13, V3, RpcbProcedures.DUMP), dump(13));
        assertReply(remote6, Xdr.call(14, V4, RpcbProcedures.DUMP), dump(14));
    }

    private static Xdr dump(int xid) {
        return Xdr.success(xid)
                .bool(true).rpcb(NFS, 3, "tcp6", "::.8.1", "manticore")
                .bool(true).rpcb(NFS, 3, "tcp", "0.0.0.0.8.1", "manticore")
                .bool(true).rpcb(NLM, 4, "udp6", "::1.128.35", "statd")
                .bool(false);
    }

    @Test
    public void setFromLoopbackRegistersAnAddressGetaddrThenAnswers() {
        assertReply(local, rpcb(20, V3, RpcbProcedures.SET, NLM, 4, "tcp", "127.0.0.1.128.35", "nlm"), bool(20, true));
        assertReply(remote, getaddr(21, V3, NLM, 4, "tcp"), address(21, "127.0.0.1.128.35"));
        assertReply(remote, Xdr.call(22, 2, PmapProcedures.GETPORT).u32(NLM, 4, 6, 0), Xdr.success(22).u32(32803));
    }

    @Test
    public void aWildcardRegistrationIsMergedWithTheAddressTheCallerReached() {
        assertReply(local, rpcb(23, V4, RpcbProcedures.SET, NLM, 4, "tcp", "0.0.0.0.128.35", "nlm"), bool(23, true));
        assertReply(remote, getaddr(24, V4, NLM, 4, "tcp"), address(24, "192.0.2.10.128.35"));
    }

    @Test
    public void setFromAnotherHostIsRefused() {
        assertReply(remote, rpcb(25, V3, RpcbProcedures.SET, NLM, 4, "tcp", "192.0.2.77.128.35", "x"), bool(25, false));
        assertReply(remote6, rpcb(26, V4, RpcbProcedures.SET, NLM, 4, "tcp6", "2001:db8::77.128.35", "x"), bool(26, false));
        assertReply(remote, getaddr(27, V3, NLM, 4, "tcp"), address(27, ""));
    }

    @Test
    public void setOfAManticoreProgramIsRefused() {
        assertReply(local, rpcb(28, V3, RpcbProcedures.SET, NFS, 3, "tcp6", "::1.39.15", "evil"), bool(28, false));
        assertReply(local, rpcb(29, V3, RpcbProcedures.SET, NFS, 3, "udp", "127.0.0.1.39.15", "evil"), bool(29, false));
    }

    @Test
    public void setWithAnUnknownNetidOrABadAddressIsRefused() {
        String[][] refused = {
            {"local", "/run/rpcbind.sock"},
            {"tcp", "1.2.3.4.5"},
            {"tcp", "300.1.1.1.0.1"},
            {"tcp", "1.2.3.4.256.1"},
            {"tcp", "1.2.3.4.0.0"},
            {"tcp", "::1.0.111"},
            {"tcp6", "127.0.0.1.0.111"},
            {"tcp6", "fe80::1%eth0.0.111"},
            {"tcp6", "::ffff:127.0.0.1.0.111"},
            {"tcp", "localhost.0.111"},
            {"tcp", ""},
            {"", "127.0.0.1.0.111"},
        };
        int xid = 30;
        for (String[] bad : refused) {
            assertReply(local, rpcb(xid, V4, RpcbProcedures.SET, NLM, 4, bad[0], bad[1], "x"), bool(xid, false));
            xid++;
        }
        assertReply(local, Xdr.call(xid, V4, RpcbProcedures.DUMP), Xdr.success(xid)
                .bool(true).rpcb(NFS, 3, "tcp", "0.0.0.0.8.1", "manticore").bool(false));
    }

    @Test
    public void unsetWithANetidRemovesThatNetidOnly() {
        assertReply(local, rpcb(50, V3, RpcbProcedures.SET, NLM, 4, "tcp", "127.0.0.1.128.35", "nlm"), bool(50, true));
        assertReply(local, rpcb(51, V3, RpcbProcedures.SET, NLM, 4, "udp", "127.0.0.1.128.35", "nlm"), bool(51, true));
        assertReply(local, rpcb(52, V3, RpcbProcedures.UNSET, NLM, 4, "udp", "", ""), bool(52, true));
        assertReply(local, rpcb(53, V3, RpcbProcedures.UNSET, NLM, 4, "udp", "", ""), bool(53, false));
        assertReply(remote, getaddr(54, V3, NLM, 4, "tcp"), address(54, "127.0.0.1.128.35"));
    }

    @Test
    public void unsetWithAnEmptyNetidRemovesEveryNetid() {
        assertReply(local6, rpcb(55, V4, RpcbProcedures.SET, NLM, 4, "tcp6", "::1.128.35", "nlm"), bool(55, true));
        assertReply(local6, rpcb(56, V4, RpcbProcedures.SET, NLM, 4, "tcp", "127.0.0.1.128.35", "nlm"), bool(56, true));
        assertReply(local6, rpcb(57, V4, RpcbProcedures.UNSET, NLM, 4, "", "", ""), bool(57, true));
        assertReply(remote, getaddr(58, V4, NLM, 4, "tcp"), address(58, ""));
        assertReply(remote6, getaddr(59, V4, NLM, 4, "tcp6"), address(59, ""));
    }

    @Test
    public void unsetFromAnotherHostIsRefused() {
        assertReply(local, rpcb(60, V3, RpcbProcedures.SET, NLM, 4, "tcp", "127.0.0.1.128.35", "nlm"), bool(60, true));
        assertReply(remote, rpcb(61, V3, RpcbProcedures.UNSET, NLM, 4, "", "", ""), bool(61, false));
        assertReply(remote6, rpcb(62, V4, RpcbProcedures.UNSET, NLM, 4, "tcp", "", ""), bool(62, false));
        assertReply(remote, getaddr(63, V3, NLM, 4, "tcp"), address(63, "127.0.0.1.128.35"));
    }

    @Test
    public void gettimeAnswersTheClockInSecondsSinceTheEpoch() {
        int seconds = (int) PortmapFixture.NOW.getEpochSecond();
        assertReply(remote, Xdr.call(64, V3, RpcbProcedures.GETTIME), Xdr.success(64).u32(seconds));
        assertReply(remote, Xdr.call(65, V4, RpcbProcedures.GETTIME), Xdr.success(65).u32(seconds));
    }

    @Test
    public void getaddrlistListsEveryAddressMergedWhereTheFamilyMatches() {
        listenOnEveryIpv6Address();
        Xdr expected = Xdr.success(66)
                .bool(true).string("::.8.1").string("tcp6").u32(3).string("inet6").string("tcp")
                .bool(true).string("192.0.2.10.8.1").string("tcp").u32(3).string("inet").string("tcp")
                .bool(false);
        assertReply(remote, rpcb(66, V4, RpcbProcedures.GETADDRLIST, NFS, 3, "tcp", "", ""), expected);
    }

    @Test
    public void getaddrlistOfAnUnknownProgramIsAnEmptyList() {
        assertReply(remote, rpcb(67, V4, RpcbProcedures.GETADDRLIST, 100099, 1, "tcp", "", ""), Xdr.success(67).bool(false));
    }

    @Test
    public void forwardingConversionAndStatisticsProceduresAreNotServed() {
        assertReply(remote, Xdr.call(70, V3, 5).u32(NFS, 3, 0, 0), Xdr.accepted(70, Xdr.PROC_UNAVAIL));
        assertReply(remote, Xdr.call(71, V3, 7).string("127.0.0.1.0.111"), Xdr.accepted(71, Xdr.PROC_UNAVAIL));
        assertReply(remote, Xdr.call(72, V3, 8).u32(16, 0), Xdr.accepted(72, Xdr.PROC_UNAVAIL));
        assertReply(remote, Xdr.call(73, V4, 5).u32(NFS, 3, 0, 0), Xdr.accepted(73, Xdr.PROC_UNAVAIL));
        assertReply(remote, Xdr.call(74, V4, 10).u32(NFS, 3, 0, 0), Xdr.accepted(74, Xdr.PROC_UNAVAIL));
        assertReply(remote, Xdr.call(75, V4, 12), Xdr.accepted(75, Xdr.PROC_UNAVAIL));
        assertReply(remote, Xdr.call(76, V3, RpcbProcedures.GETVERSADDR).rpcb(NFS, 3, "tcp", "", ""),
                Xdr.accepted(76, Xdr.PROC_UNAVAIL));
        assertReply(remote, Xdr.call(77, V4, 13), Xdr.accepted(77, Xdr.PROC_UNAVAIL));
    }

    @Test
    public void aNetidLongerThan128BytesGetsGarbageArgs() {
        String netid = "t".repeat(Rpcb.MAX_STRING + 1);
        assertReply(local, rpcb(80, V4, RpcbProcedures.SET, NLM, 4, netid, "127.0.0.1.0.111", "x"),
                Xdr.accepted(80, Xdr.GARBAGE_ARGS));
        assertReply(local, rpcb(81, V4, RpcbProcedures.SET, NLM, 4, "tcp", "1".repeat(Rpcb.MAX_STRING + 1), "x"),
                Xdr.accepted(81, Xdr.GARBAGE_ARGS));
        assertReply(local, rpcb(82, V4, RpcbProcedures.SET, NLM, 4, "tcp", "127.0.0.1.0.111", "o".repeat(Rpcb.MAX_STRING + 1)),
                Xdr.accepted(82, Xdr.GARBAGE_ARGS));
    }

    @Test
    public void aStringLengthPastTheEndOfTheCallGetsGarbageArgs() {
        Xdr lying = Xdr.call(83, V3, RpcbProcedures.GETADDR).u32(NFS, 3, 100).u32(0x74637000);
        assertReply(remote, lying, Xdr.accepted(83, Xdr.GARBAGE_ARGS));
    }

    @Test
    public void aNetidOf128BytesIsDecodedAndRefusedAsUnknown() {
        String netid = "t".repeat(Rpcb.MAX_STRING);
        assertReply(local, rpcb(84, V4, RpcbProcedures.SET, NLM, 4, netid, "127.0.0.1.0.111", "x"), bool(84, false));
    }
}
