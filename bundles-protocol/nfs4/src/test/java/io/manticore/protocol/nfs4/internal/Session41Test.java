package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.manticore.testkit.LeakCheck;

/** NFSv4.1 client ids and sessions: EXCHANGE_ID, CREATE_SESSION, SEQUENCE and its slot rules, and 4.1 opens. */
public class Session41Test {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final Nfs4Fixture fixture = new Nfs4Fixture();
    private final Nfs4TestClient client = fixture.client();
    private final Nfs41Session session = new Nfs41Session(client, 1, "linux-host");

    @After
    public void tearDown() {
        client.close();
        fixture.close();
    }

    @Test
    public void sessionServesCompoundsAndTheSameOwnerGetsTheSameConfirmedClientId() {
        byte[] id = session.open();
        assertEquals(Nfs4Status.OK, session.call(r -> r.putrootfh().lookup("mem").getattr(Fattr.TYPE)).status());
        XdrDecoder again = client.compound(1, r -> r.exchangeId("linux-host".getBytes(StandardCharsets.UTF_8), 42, 0))
                .ok(Opcodes.EXCHANGE_ID);
        assertEquals(session.clientId(), again.readHyper());
        again.readInt();
        int flags = again.readInt();
        assertTrue("CONFIRMED_R", (flags & 0x80000000) != 0);
        assertEquals("USE_NON_PNFS only", 0x10000, flags & 0x70000);
        assertEquals(16, id.length);
    }

    @Test
    public void sequenceRefusesUnknownSessionsSlotsAndSequenceIds() {
        byte[] id = session.open();
        assertEquals(Nfs4Status.BADSESSION, client.compound(1, r -> r.sequence(new byte[16], 1, 0, false)).status());
        assertEquals(Nfs4Status.BADSLOT, client.compound(1, r -> r.sequence(id, 1, 8, false)).status());
        assertEquals(Nfs4Status.SEQ_MISORDERED, client.compound(1, r -> r.sequence(id, 5, 0, false)).status());
        assertEquals(Nfs4Status.OK, client.compound(1, r -> r.sequence(id, 1, 0, false)).status());
        assertEquals("slots count on their own", Nfs4Status.OK, client.compound(1, r -> r.sequence(id, 1, 3, false)).status());
    }

    @Test
    public void retryOfTheSlotsLastRequestGetsTheKeptReplyWithoutRunningAgain() {
        byte[] id = session.open();
        Consumer<Nfs4TestClient.Request> mkdir = r -> r.sequence(id, 1, 0, true).putrootfh().lookup("mem").mkdir("once", 0755);
        byte[] first = client.call(1, compoundArgs(mkdir));
        byte[] retry = client.call(1, compoundArgs(mkdir));
        assertArrayEquals("the same reply, not EXIST from a second mkdir", first, retry);
        Nfs4TestClient.Reply reply = client.compound(1, mkdir);
        assertEquals(Nfs4Status.OK, reply.status());
    }

    @Test
    public void retryOfAnUncachedRequestIsRetryUncachedRep() {
        byte[] id = session.open();
        Consumer<Nfs4TestClient.Request> ops = r -> r.sequence(id, 1, 0, false).putrootfh();
        assertEquals(Nfs4Status.OK, client.compound(1, ops).status());
        Nfs4TestClient.Reply retry = client.compound(1, ops);
        assertEquals(Nfs4Status.RETRY_UNCACHED_REP, retry.status());
        assertEquals(2, retry.count());
        retry.ok(Opcodes.SEQUENCE);
        Nfs41Session.skipSequenceBody(retry.in());
        assertEquals(Nfs4Status.RETRY_UNCACHED_REP, retry.next(Opcodes.PUTROOTFH));
    }

    @Test
    public void sequenceMustComeFirstAndOnlyOnce() {
        byte[] id = session.open();
        Nfs4TestClient.Reply noSequence = client.compound(1, r -> r.putrootfh().getfh());
        assertEquals(Nfs4Status.OP_NOT_IN_SESSION, noSequence.status());
        assertEquals(1, noSequence.count());
        Nfs4TestClient.Reply twice = client.compound(1, r -> r.sequence(id, 1, 0, false).putrootfh().sequence(id, 2, 0, false));
        assertEquals(Nfs4Status.SEQUENCE_POS, twice.status());
        assertEquals(3, twice.count());
        Nfs4TestClient.Reply notAlone = client.compound(1, r -> r.exchangeId(new byte[] {1}, 1, 0).putrootfh());
        assertEquals(Nfs4Status.NOT_ONLY_OP, notAlone.status());
    }

    @Test
    public void createSessionRetryGetsTheFirstSessionAndOtherSequencesAreMisordered() {
        XdrDecoder exchanged = client.compound(1, r -> r.exchangeId("retrying".getBytes(StandardCharsets.UTF_8), 1, 0))
                .ok(Opcodes.EXCHANGE_ID);
        long clientId = exchanged.readHyper();
        int seq = exchanged.readInt();
        assertTrue("unconfirmed", (exchanged.readInt() & 0x80000000) == 0);
        byte[] first = client.compound(1, r -> r.createSession(clientId, seq, 4)).ok(Opcodes.CREATE_SESSION).readFixedOpaqueBytes(16);
        byte[] retried = client.compound(1, r -> r.createSession(clientId, seq, 4)).ok(Opcodes.CREATE_SESSION).readFixedOpaqueBytes(16);
        assertArrayEquals(first, retried);
        assertEquals(Nfs4Status.SEQ_MISORDERED, client.compound(1, r -> r.createSession(clientId, seq + 5, 4)).status());
        byte[] second = client.compound(1, r -> r.createSession(clientId, seq + 1, 4)).ok(Opcodes.CREATE_SESSION)
                .readFixedOpaqueBytes(16);
        assertNotEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(second));
        assertEquals(Nfs4Status.STALE_CLIENTID, client.compound(1, r -> r.createSession(clientId + 1, 1, 4)).status());
    }

    @Test
    public void clientIdWithSessionsIsBusyUntilTheyAreDestroyed() {
        byte[] id = session.open();
        long clientId = session.clientId();
        assertEquals(Nfs4Status.CLIENTID_BUSY, client.compound(1, r -> r.destroyClientId(clientId)).status());
        assertEquals(Nfs4Status.OK, client.compound(1, r -> r.destroySession(id)).status());
        assertEquals(Nfs4Status.BADSESSION, client.compound(1, r -> r.sequence(id, 1, 0, false)).status());
        assertEquals(Nfs4Status.OK, client.compound(1, r -> r.destroyClientId(clientId)).status());
        assertEquals(Nfs4Status.STALE_CLIENTID, client.compound(1, r -> r.destroyClientId(clientId)).status());
    }

    @Test
    public void reclaimCompleteIsDoneOnce() {
        session.open();
        assertEquals(Nfs4Status.OK, session.call(r -> r.reclaimComplete(false)).status());
        assertEquals(Nfs4Status.COMPLETE_ALREADY, session.call(r -> r.reclaimComplete(false)).status());
    }

    @Test
    public void openNeedsNoConfirmationAndTheCurrentStateidFollowsItThroughWriteReadAndClose() {
        session.open();
        byte[] data = "sessions".getBytes(StandardCharsets.UTF_8);
        Nfs4TestClient.Reply reply = session.call(r -> r.putrootfh().lookup("mem")
                .openCreate(0, 3, 0, 0, "owner", "f41", 0, 0640)
                .write(Stateid.CURRENT, 0, 2, data)
                .read(Stateid.CURRENT, 0, 100)
                .close(0, Stateid.CURRENT));
        assertEquals(Nfs4Status.OK, reply.status());
        XdrDecoder open = reply.skipTo(3).ok(Opcodes.OPEN);
        Stateid opened = Stateid.decode(open);
        open.readBool();
        open.readHyper();
        open.readHyper();
        assertEquals("no OPEN_CONFIRM in 4.1", 4, open.readInt());
        Bitmap.read(open);
        open.readInt();
        assertEquals(data.length, reply.ok(Opcodes.WRITE).readInt());
        reply.in().readInt();
        reply.in().readHyper();
        XdrDecoder read = reply.ok(Opcodes.READ);
        read.readBool();
        assertArrayEquals(data, read.readOpaqueBytes(100));
        assertEquals(Stateid.INVALID, Stateid.decode(reply.ok(Opcodes.CLOSE)));
        assertEquals(Nfs4Status.BAD_STATEID, session.call(r -> r.putrootfh().lookup("mem").lookup("f41")
                .read(opened, 0, 1)).status());
        assertEquals("no current stateid after a new filehandle", Nfs4Status.BAD_STATEID,
                session.call(r -> r.putrootfh().lookup("mem").lookup("f41").read(Stateid.CURRENT, 0, 1)).status());
    }

    @Test
    public void seqidZeroMeansTheCurrentSeqidOfTheState() {
        session.open();
        fixture.vfs().write(Cred.ROOT, "/mem/z", new byte[4]);
        XdrDecoder open = session.call(r -> r.putrootfh().lookup("mem").open(0, 1, 0, 0, "o", "z")).skipTo(3).ok(Opcodes.OPEN);
        Stateid opened = Stateid.decode(open);
        assertEquals(Nfs4Status.OK, session.call(r -> r.putrootfh().lookup("mem").lookup("z")
                .read(Nfs4TestClient.withSeqid(opened, 0), 0, 4)).status());
    }

    @Test
    public void testStateidReportsEachAndFreeStateidKeepsLiveOpens() {
        session.open();
        fixture.vfs().write(Cred.ROOT, "/mem/t", new byte[4]);
        XdrDecoder open = session.call(r -> r.putrootfh().lookup("mem").open(0, 1, 0, 0, "o", "t")).skipTo(3).ok(Opcodes.OPEN);
        Stateid live = Stateid.decode(open);
        Stateid bogus = Stateid.of(1, session.clientId(), 4242);
        XdrDecoder tested = session.call(r -> r.testStateid(live, bogus, Stateid.ANONYMOUS)).ok(Opcodes.TEST_STATEID);
        assertEquals(3, tested.readInt());
        assertEquals(Nfs4Status.OK, tested.readInt());
        assertEquals(Nfs4Status.BAD_STATEID, tested.readInt());
        assertEquals(Nfs4Status.BAD_STATEID, tested.readInt());
        assertEquals(Nfs4Status.LOCKS_HELD, session.call(r -> r.freeStateid(live)).status());
    }

    @Test
    public void compoundLongerThanTheSessionAllowsIsTooManyOps() {
        session.open();
        Nfs4TestClient.Reply reply = client.compound(1, r -> {
            r.sequence(session.id(), session.nextSequence(), 0, false);
            for (int i = 0; i < 16; i++) {
                r.putrootfh();
            }
        });
        assertEquals(Nfs4Status.TOO_MANY_OPS, reply.status());
        assertEquals(1, reply.count());
    }

    @Test
    public void openByFilehandleAndSecinfoWithoutName() {
        session.open();
        fixture.vfs().write(Cred.ROOT, "/mem/byfh", new byte[4]);
        assertEquals(Nfs4Status.OK, session.call(r -> r.putrootfh().lookup("mem").lookup("byfh").openFh(1, 0, "o")).status());
        Nfs4TestClient.Reply secinfo = session.call(r -> r.putrootfh().secinfoNoName(0).getfh());
        XdrDecoder flavors = secinfo.skipTo(2).ok(Opcodes.SECINFO_NO_NAME);
        assertEquals(2, flavors.readInt());
        assertEquals(1, flavors.readInt());
        assertEquals(0, flavors.readInt());
        assertEquals(Nfs4Status.NOFILEHANDLE, secinfo.next(Opcodes.GETFH));
        assertEquals(Nfs4Status.NOENT, session.call(r -> r.putrootfh().secinfoNoName(1)).status());
    }

    @Test
    public void connectionsBindToTheForeChannelOnly() {
        byte[] id = session.open();
        XdrDecoder bound = client.compound(1, r -> r.bindConnToSession(id, 3)).ok(Opcodes.BIND_CONN_TO_SESSION);
        assertArrayEquals(id, bound.readFixedOpaqueBytes(16));
        assertEquals("CDFS4_FORE", 1, bound.readInt());
        assertEquals(Nfs4Status.INVAL, client.compound(1, r -> r.bindConnToSession(id, 2)).status());
    }

    @Test
    public void locksFollowTheCurrentStateidAndAnUnlockedLockStateidCanBeFreed() {
        session.open();
        fixture.vfs().write(Cred.ROOT, "/mem/l41", new byte[8]);
        Nfs4TestClient.Reply reply = session.call(r -> r.putrootfh().lookup("mem").open(0, 3, 0, 0, "o", "l41")
                .lockNew(2, 0, 8, 0, Stateid.CURRENT, 0, 0, "locker")
                .locku(2, 0, Stateid.CURRENT, 0, 8)
                .freeStateid(Stateid.CURRENT));
        assertEquals(Nfs4Status.OK, reply.status());
        XdrDecoder open = reply.skipTo(3).ok(Opcodes.OPEN);
        Stateid.decode(open);
        open.readBool();
        open.readHyper();
        open.readHyper();
        open.readInt();
        Bitmap.read(open);
        open.readInt();
        Stateid lock = Stateid.decode(reply.ok(Opcodes.LOCK));
        Stateid.decode(reply.ok(Opcodes.LOCKU));
        reply.ok(Opcodes.FREE_STATEID);
        XdrDecoder tested = session.call(r -> r.testStateid(lock)).ok(Opcodes.TEST_STATEID);
        assertEquals(1, tested.readInt());
        assertEquals(Nfs4Status.BAD_STATEID, tested.readInt());
    }

    /** The raw COMPOUND4args of {@code ops}, for sending the very same request twice. */
    private static Consumer<XdrEncoder> compoundArgs(Consumer<Nfs4TestClient.Request> ops) {
        return out -> {
            Nfs4TestClient.Request request = new Nfs4TestClient.Request();
            ops.accept(request);
            request.writeCompound(out, 1, "retry");
        };
    }
}
