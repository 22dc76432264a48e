package io.manticore.protocol.portmap.internal;

import static io.manticore.protocol.portmap.internal.PortmapFixture.assertReply;
import static io.manticore.protocol.portmap.internal.PortmapFixture.exchange;
import static io.manticore.protocol.portmap.internal.PortmapFixture.hex;
import static org.junit.Assert.assertEquals;

import java.util.List;

import io.manticore.api.admin.ListenerInfo;
import io.manticore.testkit.LeakCheck;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** The port mapper, version 2 (RFC 1833 3), driven with hand-written call records. */
public class PortmapV2Test {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final int V2 = 2;
    private static final int NFS = 100003;
    private static final int NLM = 100021;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private final PortmapFixture fixture = new PortmapFixture();
    private EmbeddedChannel local;
    private EmbeddedChannel remote;

    @Before
    public void serveNfsAndPortmap() {
        fixture.declare("portmap", "100000:2", "100000:3", "100000:4");
        fixture.declare("nfs3", "100003:3");
        fixture.bound("portmap", "0.0.0.0", 111);
        fixture.bound("nfs3", "0.0.0.0", 2049);
        local = fixture.connect("127.0.0.1", "127.0.0.1");
        remote = fixture.connect("192.0.2.1", "192.0.2.77");
    }

    @After
    public void close() {
        fixture.close();
    }

    private static Xdr mapping(int xid, int procedure, int program, int version, int protocol, int port) {
        return Xdr.call(xid, V2, procedure).u32(program, version, protocol, port);
    }

    private static Xdr getport(int xid, int program, int version, int protocol) {
        return mapping(xid, PmapProcedures.GETPORT, program, version, protocol, 0);
    }

    private static Xdr port(int xid, int port) {
        return Xdr.success(xid).u32(port);
    }

    private static Xdr bool(int xid, boolean value) {
        return Xdr.success(xid).bool(value);
    }

    @Test
    public void nullProcedureAnswersAnEmptySuccess() {
        assertReply(remote, Xdr.call(1, V2, PmapProcedures.NULL), Xdr.success(1));
    }

    @Test
    public void getportAnswersTheBoundPortOfTheListenerServingTheProgram() {
        byte[] reply = exchange(remote, getport(0x1234, NFS, 3, TCP));
        assertEquals("8000001c" + "00001234" + "00000001" + "00000000" + "00000000" + "00000000" + "00000000"
                + "00000801", hex(reply));
    }

    @Test
    public void getportOfAnUnknownProgramIsZero() {
        assertReply(remote, getport(2, 100099, 1, TCP), port(2, 0));
    }

    @Test
    public void getportOfAnotherVersionAnswersAServedVersionSoItsServerCanTellTheRange() {
        assertReply(remote, getport(3, NFS, 4, TCP), port(3, 2049));
    }

    @Test
    public void getportPrefersTheVersionAskedOverOneRegisteredEarlier() {
        assertReply(local, mapping(13, PmapProcedures.SET, NLM, 1, TCP, 4001), bool(13, true));
        assertReply(local, mapping(14, PmapProcedures.SET, NLM, 4, TCP, 4004), bool(14, true));
        assertReply(remote, getport(15, NLM, 4, TCP), port(15, 4004));
        assertReply(remote, getport(16, NLM, 3, TCP), port(16, 4001));
    }

    @Test
    public void getportOverUdpIsZeroForProgramsServedOverTcpOnly() {
        assertReply(remote, getport(4, NFS, 3, UDP), port(4, 0));
    }

    @Test
    public void getportOfAnUnknownIpProtocolIsZero() {
        assertReply(remote, getport(5, NFS, 3, 99), port(5, 0));
    }

    @Test
    public void getportIgnoresAListenerThatIsNotBound() {
        fixture.listeners.set(1, new ListenerInfo("nfs3", "tcp", "0.0.0.0", 2049, "WAITING", -1, 0, "no protocol"));
        assertReply(remote, getport(6, NFS, 3, TCP), port(6, 0));
    }

    @Test
    public void getportFollowsTheListenerWhenItRebindsElsewhere() {
        assertReply(remote, getport(7, NFS, 3, TCP), port(7, 2049));
        fixture.listeners.set(1, new ListenerInfo("nfs3", "tcp", "0.0.0.0", 0, "BOUND", 40123, 0, ""));
        assertReply(remote, getport(8, NFS, 3, TCP), port(8, 40123));
    }

    @Test
    public void getportFindsAProgramOfAnIpv6WildcardListenerOverIpv4() {
        fixture.listeners.set(1, new ListenerInfo("nfs3", "tcp", "::", 2049, "BOUND", 2049, 0, ""));
        assertReply(remote, getport(9, NFS, 3, TCP), port(9, 2049));
    }

    @Test
    public void dumpListsManticoreProgramsThenRegistrations() {
        assertReply(local, mapping(10, PmapProcedures.SET, NLM, 4, UDP, 32803), bool(10, true));
        Xdr expected = Xdr.success(11)
                .bool(true).u32(100000, 2, TCP, 111)
                .bool(true).u32(100000, 3, TCP, 111)
                .bool(true).u32(100000, 4, TCP, 111)
                .bool(true).u32(NFS, 3, TCP, 2049)
                .bool(true).u32(NLM, 4, UDP, 32803)
                .bool(false);
        assertReply(remote, Xdr.call(11, V2, PmapProcedures.DUMP), expected);
    }

    @Test
    public void dumpLeavesOutIpv6Mappings() {
        fixture.listeners.clear();
        fixture.bound("nfs3", "2001:db8::1", 2049);
        assertReply(remote, Xdr.call(12, V2, PmapProcedures.DUMP), Xdr.success(12).bool(false));
    }

    @Test
    public void setFromLoopbackRegistersAMappingGetportThenFinds() {
        assertReply(local, mapping(20, PmapProcedures.SET, NLM, 4, TCP, 32803), bool(20, true));
        assertReply(remote, getport(21, NLM, 4, TCP), port(21, 32803));
        assertReply(remote, getport(22, NLM, 4, UDP), port(22, 0));
    }

    @Test
    public void setWithAnAuthSysCredentialIsAcceptedToo() {
        assertReply(local, Xdr.callAsRoot(23, V2, PmapProcedures.SET).u32(NLM, 4, TCP, 32803), bool(23, true));
    }

    @Test
    public void setFromAnotherHostIsRefusedAndRegistersNothing() {
        assertReply(remote, mapping(24, PmapProcedures.SET, NLM, 4, TCP, 32803), bool(24, false));
        assertReply(remote, getport(25, NLM, 4, TCP), port(25, 0));
    }

    @Test
    public void setOfAManticoreProgramIsRefusedEvenFromLoopback() {
        assertReply(local, mapping(26, PmapProcedures.SET, NFS, 3, TCP, 9999), bool(26, false));
        assertReply(local, mapping(27, PmapProcedures.SET, 100000, 2, UDP, 9999), bool(27, false));
        assertReply(remote, getport(28, NFS, 3, TCP), port(28, 2049));
    }

    @Test
    public void setOfATakenProgramVersionAndProtocolIsRefused() {
        assertReply(local, mapping(29, PmapProcedures.SET, NLM, 4, TCP, 32803), bool(29, true));
        assertReply(local, mapping(30, PmapProcedures.SET, NLM, 4, TCP, 40000), bool(30, false));
        assertReply(local, mapping(31, PmapProcedures.SET, NLM, 4, UDP, 40000), bool(31, true));
        assertReply(remote, getport(32, NLM, 4, TCP), port(32, 32803));
    }

    @Test
    public void setWithAPortOutOfRangeOrAnUnknownProtocolIsRefused() {
        assertReply(local, mapping(33, PmapProcedures.SET, NLM, 4, TCP, 0), bool(33, false));
        assertReply(local, mapping(34, PmapProcedures.SET, NLM, 4, TCP, 65536), bool(34, false));
        assertReply(local, mapping(35, PmapProcedures.SET, NLM, 4, TCP, -1), bool(35, false));
        assertReply(local, mapping(36, PmapProcedures.SET, NLM, 4, 1, 32803), bool(36, false));
    }

    @Test
    public void unsetFromLoopbackRemovesEveryProtocolOfTheProgramVersion() {
        assertReply(local, mapping(40, PmapProcedures.SET, NLM, 4, TCP, 32803), bool(40, true));
        assertReply(local, mapping(41, PmapProcedures.SET, NLM, 4, UDP, 32803), bool(41, true));
        assertReply(local, mapping(42, PmapProcedures.UNSET, NLM, 4, 0, 0), bool(42, true));
        assertReply(remote, getport(43, NLM, 4, TCP), port(43, 0));
        assertReply(remote, getport(44, NLM, 4, UDP), port(44, 0));
        assertReply(local, mapping(45, PmapProcedures.UNSET, NLM, 4, 0, 0), bool(45, false));
    }

    @Test
    public void unsetFromAnotherHostIsRefusedAndTheMappingStays() {
        assertReply(local, mapping(46, PmapProcedures.SET, NLM, 4, TCP, 32803), bool(46, true));
        assertReply(remote, mapping(47, PmapProcedures.UNSET, NLM, 4, TCP, 32803), bool(47, false));
        assertReply(remote, getport(48, NLM, 4, TCP), port(48, 32803));
    }

    @Test
    public void unsetOfAManticoreProgramLeavesItServed() {
        assertReply(local, mapping(49, PmapProcedures.UNSET, NFS, 3, TCP, 2049), bool(49, false));
        assertReply(remote, getport(50, NFS, 3, TCP), port(50, 2049));
    }

    @Test
    public void theTableTakesAtMost1024RegistrationsThenRefuses() {
        int first = 0x4000_0000;
        for (int i = 0; i < PortmapProtocol.MAX_REGISTRATIONS; i++) {
            assertReply(local, mapping(i, PmapProcedures.SET, first + i, 1, TCP, 1000), bool(i, true));
        }
        assertReply(local, mapping(5000, PmapProcedures.SET, NLM, 4, TCP, 32803), bool(5000, false));
        assertReply(remote, getport(5001, NLM, 4, TCP), port(5001, 0));
        assertReply(local, mapping(5002, PmapProcedures.UNSET, first, 1, 0, 0), bool(5002, true));
        assertReply(local, mapping(5003, PmapProcedures.SET, NLM, 4, TCP, 32803), bool(5003, true));
        assertReply(remote, getport(5004, NLM, 4, TCP), port(5004, 32803));
    }

    @Test
    public void aRegistrationGivesWayToAManticoreProgramDeclaredLater() {
        assertReply(local, mapping(60, PmapProcedures.SET, NLM, 4, TCP, 32803), bool(60, true));
        fixture.declare("nlm", "100021:4");
        fixture.bound("nlm", "0.0.0.0", 4045);
        assertReply(remote, getport(61, NLM, 4, TCP), port(61, 4045));
        fixture.listeners.remove(2);
        assertReply(remote, getport(62, NLM, 4, TCP), port(62, 0));
    }

    @Test
    public void callitIsNotServed() {
        Xdr callit = Xdr.call(70, V2, 5).u32(NFS, 3, 0).opaque(new byte[0]);
        assertReply(remote, callit, Xdr.accepted(70, Xdr.PROC_UNAVAIL));
    }

    @Test
    public void truncatedMappingGetsGarbageArgs() {
        assertReply(remote, Xdr.call(71, V2, PmapProcedures.GETPORT).u32(NFS, 3, TCP), Xdr.accepted(71, Xdr.GARBAGE_ARGS));
    }

    @Test
    public void versionFiveGetsProgMismatchTwoToFour() {
        assertReply(remote, Xdr.call(72, 5, 0), Xdr.accepted(72, Xdr.PROG_MISMATCH).u32(2, 4));
    }

    @Test
    public void otherProgramsGetProgUnavail() {
        Xdr nfsNull = new Xdr().u32(73, 0, 2, NFS, 3, 0, 0, 0, 0, 0);
        assertReply(remote, nfsNull, Xdr.accepted(73, 1));
    }

    @Test
    public void theWholeTableIsReadAgainForEveryCall() {
        fixture.listeners.clear();
        assertReply(remote, Xdr.call(74, V2, PmapProcedures.DUMP), Xdr.success(74).bool(false));
        fixture.listeners.addAll(List.of(new ListenerInfo("nfs3", "tcp", "10.0.0.5", 2049, "BOUND", 2049, 3, "")));
        assertReply(remote, Xdr.call(75, V2, PmapProcedures.DUMP), Xdr.success(75).bool(true).u32(NFS, 3, TCP, 2049).bool(false));
    }
}
