package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.vfs.FileHandle;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.testkit.LeakCheck;

/** NFSv4.0 state: client ids, leases, open- and lock-owners with seqids, stateids, share reservations, locks. */
public class State40Test {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final int READ = 1;
    private static final int WRITE = 2;
    private static final int BOTH = 3;

    private final Nfs4Fixture fixture = new Nfs4Fixture();
    private final Nfs4TestClient client = fixture.client();

    @After
    public void tearDown() {
        client.close();
        fixture.close();
    }

    /** SETCLIENTID then SETCLIENTID_CONFIRM; returns the client id. */
    private static long establish(Nfs4TestClient c, String id, long verifier) {
        XdrDecoder set = c.compound(0, r -> r.setclientid(id.getBytes(StandardCharsets.UTF_8), verifier)).ok(Opcodes.SETCLIENTID);
        long clientId = set.readHyper();
        long confirm = set.readHyper();
        assertEquals(Nfs4Status.OK, c.compound(0, r -> r.setclientidConfirm(clientId, confirm)).status());
        return clientId;
    }

    private Nfs4TestClient.Reply inMem(Consumer<Nfs4TestClient.Request> ops) {
        return client.compound(0, r -> {
            r.putrootfh().lookup("mem");
            ops.accept(r);
        });
    }

    /** OPEN4resok after the PUTROOTFH and LOOKUP before it: its stateid; {@code flags} gets rflags. */
    private static Stateid opened(Nfs4TestClient.Reply reply, int[] flags) {
        XdrDecoder in = reply.skipTo(2).ok(Opcodes.OPEN);
        Stateid stateid = Stateid.decode(in);
        in.readBool();
        in.readHyper();
        in.readHyper();
        flags[0] = in.readInt();
        Bitmap.read(in);
        assertEquals("no delegation", 0, in.readInt());
        return stateid;
    }

    /** Opens (creating) {@code name} for owner {@code owner} at {@code seqid} and confirms the owner. */
    private Stateid openConfirmed(long clientId, String owner, String name, int access, int deny) {
        int[] flags = new int[1];
        Stateid s = opened(inMem(r -> r.openCreate(0, access, deny, clientId, owner, name, 0, 0644)), flags);
        assertEquals(6, flags[0]);
        XdrDecoder confirmed = inMem(r -> r.lookup(name).openConfirm(s, 1)).skipTo(3).ok(Opcodes.OPEN_CONFIRM);
        return Stateid.decode(confirmed);
    }

    @Test
    public void confirmedClientIdRenewsAndUnknownOnesAreStale() {
        XdrDecoder set = client.compound(0, r -> r.setclientid("host-a".getBytes(StandardCharsets.UTF_8), 7)).ok(Opcodes.SETCLIENTID);
        long clientId = set.readHyper();
        long confirm = set.readHyper();
        assertEquals("an unconfirmed client has no lease", Nfs4Status.STALE_CLIENTID,
                client.compound(0, r -> r.renew(clientId)).status());
        assertEquals(Nfs4Status.STALE_CLIENTID, client.compound(0, r -> r.setclientidConfirm(clientId, confirm + 1)).status());
        assertEquals(Nfs4Status.OK, client.compound(0, r -> r.setclientidConfirm(clientId, confirm)).status());
        assertEquals("a repeated confirmation succeeds", Nfs4Status.OK,
                client.compound(0, r -> r.setclientidConfirm(clientId, confirm)).status());
        assertEquals(Nfs4Status.OK, client.compound(0, r -> r.renew(clientId)).status());
        assertEquals(Nfs4Status.STALE_CLIENTID, client.compound(0, r -> r.renew(clientId + 1)).status());
        long earlierInstance = (long) (fixture.server().state().epoch() - 1) << 32 | 1;
        assertEquals(Nfs4Status.STALE_CLIENTID, client.compound(0, r -> r.renew(earlierInstance)).status());
    }

    @Test
    public void sameVerifierKeepsTheClientIdAndANewVerifierReplacesTheClient() {
        long first = establish(client, "host-b", 1);
        XdrDecoder update = client.compound(0, r -> r.setclientid("host-b".getBytes(StandardCharsets.UTF_8), 1))
                .ok(Opcodes.SETCLIENTID);
        assertEquals("RFC 7530 16.33.5: a callback update keeps the id", first, update.readHyper());
        long restarted = establish(client, "host-b", 2);
        assertNotEquals(first, restarted);
        assertEquals("the restarted client's earlier id is gone", Nfs4Status.STALE_CLIENTID,
                client.compound(0, r -> r.renew(first)).status());
        assertEquals(Nfs4Status.OK, client.compound(0, r -> r.renew(restarted)).status());
    }

    @Test
    public void clientIdHeldWithStateByAnotherPrincipalIsInUse() {
        long clientId = establish(client, "shared-host", 1);
        openConfirmed(clientId, "owner", "held", BOTH, 0);
        try (Nfs4TestClient other = fixture.client().as(1000, 1000)) {
            Nfs4TestClient.Reply reply = other.compound(0, r -> r.setclientid("shared-host".getBytes(StandardCharsets.UTF_8), 9));
            assertEquals(Nfs4Status.CLID_INUSE, reply.status());
            assertEquals(Nfs4Status.CLID_INUSE, reply.next(Opcodes.SETCLIENTID));
            assertEquals("tcp", reply.in().readString(64));
            assertEquals("127.0.0.1.4.1", reply.in().readString(64));
        }
    }

    @Test
    public void openWriteReadAndCloseAFile() {
        long clientId = establish(client, "host-c", 1);
        Stateid stateid = openConfirmed(clientId, "owner", "data", BOTH, 0);
        byte[] hello = "hello, nfs4".getBytes(StandardCharsets.UTF_8);
        Nfs4TestClient.Reply written = inMem(r -> r.lookup("data").write(stateid, 0, 2, hello));
        XdrDecoder w = written.skipTo(3).ok(Opcodes.WRITE);
        assertEquals(hello.length, w.readInt());
        assertEquals("FILE_SYNC4", 2, w.readInt());
        Nfs4TestClient.Reply read = inMem(r -> r.lookup("data").read(stateid, 0, 1000));
        XdrDecoder data = read.skipTo(3).ok(Opcodes.READ);
        assertTrue("eof", data.readBool());
        assertArrayEquals(hello, data.readOpaqueBytes(1000));
        Nfs4TestClient.Reply closed = inMem(r -> r.lookup("data").close(2, stateid));
        Stateid after = Stateid.decode(closed.skipTo(3).ok(Opcodes.CLOSE));
        assertTrue(Nfs4TestClient.sameState(after, stateid));
        assertEquals(stateid.seqid() + 1, after.seqid());
        assertEquals(Nfs4Status.BAD_STATEID, inMem(r -> r.lookup("data").read(stateid, 0, 10)).status());
    }

    @Test
    public void retransmittedOpenGetsTheSameReplyAndAWrongSeqidIsRefused() {
        long clientId = establish(client, "host-d", 1);
        Consumer<Nfs4TestClient.Request> open = r -> r.putrootfh().lookup("mem")
                .openCreate(0, BOTH, 0, clientId, "owner", "once", 0, 0644).getfh();
        int[] flags = new int[1];
        Nfs4TestClient.Reply first = client.compound(0, open);
        Stateid s1 = opened(first, flags);
        byte[] fh1 = first.fh();
        Nfs4TestClient.Reply again = client.compound(0, open);
        assertEquals(s1, opened(again, flags));
        assertArrayEquals(fh1, again.fh());
        assertEquals(Nfs4Status.BAD_SEQID, inMem(r -> r.openCreate(5, BOTH, 0, clientId, "owner", "once", 0, 0644)).status());
        assertEquals("the owner still expects seqid 1", Nfs4Status.OK, inMem(r -> r.lookup("once").openConfirm(s1, 1)).status());
    }

    @Test
    public void outdatedFutureStaleAndForeignStateidsAreTold() {
        long clientId = establish(client, "host-e", 1);
        Stateid s = openConfirmed(clientId, "owner", "f", READ, 0);
        fixture.vfs().write(Cred.ROOT, "/mem/other", new byte[3]);
        Nfs4TestClient.Reply upgraded = inMem(r -> r.open(2, BOTH, 0, clientId, "owner", "f"));
        Stateid s2 = opened(upgraded, new int[1]);
        assertTrue(Nfs4TestClient.sameState(s2, s));
        assertEquals(s.seqid() + 1, s2.seqid());
        assertEquals(Nfs4Status.OLD_STATEID, inMem(r -> r.lookup("f").read(s, 0, 1)).status());
        assertEquals(Nfs4Status.BAD_STATEID, inMem(r -> r.lookup("f").read(Nfs4TestClient.withSeqid(s2, s2.seqid() + 1), 0, 1)).status());
        assertEquals(Nfs4Status.BAD_STATEID, inMem(r -> r.lookup("other").read(s2, 0, 1)).status());
        Stateid stale = Stateid.of(1, (long) (fixture.server().state().epoch() - 1) << 32 | 1, 1);
        assertEquals(Nfs4Status.STALE_STATEID, inMem(r -> r.lookup("f").read(stale, 0, 1)).status());
        Stateid unknown = Stateid.of(1, clientId, 999);
        assertEquals(Nfs4Status.BAD_STATEID, inMem(r -> r.lookup("f").read(unknown, 0, 1)).status());
        Nfs4TestClient.Reply down = inMem(r -> r.lookup("f").openDowngrade(s2, 3, READ, 0));
        Stateid s3 = Stateid.decode(down.skipTo(3).ok(Opcodes.OPEN_DOWNGRADE));
        assertEquals(Nfs4Status.OPENMODE, inMem(r -> r.lookup("f").write(s3, 0, 2, new byte[1])).status());
        assertEquals("a downgrade widens nothing", Nfs4Status.INVAL,
                inMem(r -> r.lookup("f").openDowngrade(s3, 4, BOTH, 0)).status());
    }

    @Test
    public void shareReservationsDenyOtherOwnersAndAnonymousIo() {
        long clientId = establish(client, "host-f", 1);
        Stateid reader = openConfirmed(clientId, "reader", "shared", READ, WRITE);
        int[] flags = new int[1];
        assertEquals(Nfs4Status.SHARE_DENIED, inMem(r -> r.open(0, WRITE, 0, clientId, "writer", "shared")).status());
        Stateid second = opened(inMem(r -> r.open(0, READ, 0, clientId, "another-reader", "shared")), flags);
        assertTrue(!Nfs4TestClient.sameState(second, reader));
        assertEquals(Nfs4Status.LOCKED, inMem(r -> r.lookup("shared").write(Stateid.ANONYMOUS, 0, 2, new byte[1])).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("shared").read(Stateid.ANONYMOUS, 0, 1)).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("shared").read(Stateid.BYPASS, 0, 1)).status());
        assertEquals("the reservation is in core's lease manager too", 2, fixture.vfs().leases().shares().size());
    }

    @Test
    public void guardedExclusiveAndTruncatingCreates() {
        long clientId = establish(client, "host-g", 1);
        fixture.vfs().write(Cred.ROOT, "/mem/existing", new byte[50]);
        assertEquals(Nfs4Status.EXIST, inMem(r -> r.openCreate(0, BOTH, 0, clientId, "o1", "existing", 1, 0644)).status());
        Stateid first = opened(inMem(r -> r.openExclusive(0, clientId, "o2", "exclusive", 1234)), new int[1]);
        Stateid retried = opened(inMem(r -> r.openExclusive(0, clientId, "o3", "exclusive", 1234)), new int[1]);
        assertTrue(!Nfs4TestClient.sameState(first, retried));
        assertEquals(Nfs4Status.EXIST, inMem(r -> r.openExclusive(0, clientId, "o4", "exclusive", 999)).status());
        Nfs4TestClient.Reply truncated = inMem(r -> r.openTruncate(0, BOTH, clientId, "o5", "existing").getattr(Fattr.SIZE));
        opened(truncated, new int[1]);
        assertEquals(0, PseudoFsTest.attrs(truncated.ok(Opcodes.GETATTR)).readHyper());
    }

    @Test
    public void expiredLeaseReleasesTheClientsStateAndItsUseIsExpired() {
        long clientId = establish(client, "host-h", 1);
        Stateid held = openConfirmed(clientId, "owner", "leased", BOTH, BOTH);
        fixture.advance(Duration.ofSeconds(60));
        assertEquals("not yet", 0, fixture.server().state().expireLeases());
        fixture.advance(Duration.ofSeconds(31));
        assertEquals(1, fixture.server().state().expireLeases());
        assertEquals(Nfs4Status.EXPIRED, client.compound(0, r -> r.renew(clientId)).status());
        assertEquals(Nfs4Status.EXPIRED, inMem(r -> r.lookup("leased").read(held, 0, 1)).status());
        assertEquals("its share reservation went with it", 0, fixture.vfs().leases().shares().size());
        long next = establish(client, "host-h2", 1);
        openConfirmed(next, "owner", "leased", BOTH, BOTH);
    }

    @Test
    public void renewalKeepsALeaseAlive() {
        long clientId = establish(client, "host-i", 1);
        for (int i = 0; i < 3; i++) {
            fixture.advance(Duration.ofSeconds(60));
            assertEquals(Nfs4Status.OK, client.compound(0, r -> r.renew(clientId)).status());
            assertEquals(0, fixture.server().state().expireLeases());
        }
    }

    @Test
    public void onlyRegularFilesOpenAndReclaimsAreOutOfGrace() {
        long clientId = establish(client, "host-j", 1);
        fixture.vfs().mkdirs("/mem/adir");
        fixture.vfs().write(Cred.ROOT, "/mem/target", new byte[1]);
        fixture.vfs().symlink("/mem/alink", "target");
        assertEquals(Nfs4Status.ISDIR, inMem(r -> r.open(0, READ, 0, clientId, "o", "adir")).status());
        assertEquals(Nfs4Status.SYMLINK, inMem(r -> r.open(0, READ, 0, clientId, "o2", "alink")).status());
        assertEquals(Nfs4Status.NOENT, inMem(r -> r.open(0, READ, 0, clientId, "o3", "missing")).status());
        assertEquals(Nfs4Status.NO_GRACE, inMem(r -> r.lookup("target").openPrevious(0, clientId, "o4")).status());
        assertEquals(Nfs4Status.STALE_CLIENTID, inMem(r -> r.open(0, READ, 0, clientId + 1, "o5", "target")).status());
        assertEquals(Nfs4Status.ISDIR, client.compound(0, r -> r.putrootfh().open(0, READ, 0, clientId, "o6", "mem")).status());
    }

    @Test
    public void retransmittedCloseGetsTheSameReply() {
        long clientId = establish(client, "host-o", 1);
        Stateid open = openConfirmed(clientId, "owner", "closing", BOTH, 0);
        Consumer<Nfs4TestClient.Request> close = r -> r.putrootfh().lookup("mem").lookup("closing").close(2, open);
        Stateid first = Stateid.decode(client.compound(0, close).skipTo(3).ok(Opcodes.CLOSE));
        assertEquals(first, Stateid.decode(client.compound(0, close).skipTo(3).ok(Opcodes.CLOSE)));
        assertEquals(Nfs4Status.BAD_STATEID, inMem(r -> r.lookup("closing").read(first, 0, 1)).status());
        assertEquals("the share reservation is gone", 0, fixture.vfs().leases().shares().size());
    }

    private static final int READ_LT = 1;
    private static final int WRITE_LT = 2;

    /** The stateid of a LOCK that must succeed, after PUTROOTFH, LOOKUP mem and LOOKUP of the file. */
    private static Stateid locked(Nfs4TestClient.Reply reply) {
        return Stateid.decode(reply.skipTo(3).ok(Opcodes.LOCK));
    }

    @Test
    public void locksConflictAcrossOwnersAndUnlockLetsTheOtherIn() {
        long clientId = establish(client, "host-k", 1);
        Stateid openA = openConfirmed(clientId, "open-a", "locked", BOTH, 0);
        Stateid lockA = locked(inMem(r -> r.lookup("locked").lockNew(WRITE_LT, 0, 100, 2, openA, 0, clientId, "lock-a")));
        Nfs4TestClient.Reply tested = inMem(r -> r.lookup("locked").lockt(READ_LT, 50, 10, clientId, "lock-b"));
        assertEquals(Nfs4Status.DENIED, tested.skipTo(3).next(Opcodes.LOCKT));
        XdrDecoder denied = tested.in();
        assertEquals(0, denied.readHyper());
        assertEquals(100, denied.readHyper());
        assertEquals(WRITE_LT, denied.readInt());
        assertEquals(clientId, denied.readHyper());
        assertEquals("lock-a", denied.readString(64));
        Stateid openB = opened(inMem(r -> r.open(0, BOTH, 0, clientId, "open-b", "locked")), new int[1]);
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("locked").openConfirm(openB, 1)).status());
        Stateid openB2 = Nfs4TestClient.withSeqid(openB, openB.seqid() + 1);
        assertEquals(Nfs4Status.DENIED, inMem(r -> r.lookup("locked").lockNew(READ_LT, 50, 10, 2, openB2, 0, clientId,
                "lock-b")).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("locked").lockt(WRITE_LT, 100, -1L, clientId, "lock-b")).status());
        Nfs4TestClient.Reply unlocked = inMem(r -> r.lookup("locked").locku(WRITE_LT, 1, lockA, 0, 100));
        Stateid afterUnlock = Stateid.decode(unlocked.skipTo(3).ok(Opcodes.LOCKU));
        assertEquals(lockA.seqid() + 1, afterUnlock.seqid());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("locked").lockNew(READ_LT, 50, 10, 3, openB2, 0, clientId,
                "lock-b")).status());
    }

    @Test
    public void closeAndReleaseLockOwnerWaitForTheLocksToGo() {
        long clientId = establish(client, "host-l", 1);
        Stateid open = openConfirmed(clientId, "owner", "held", BOTH, 0);
        Stateid lock = locked(inMem(r -> r.lookup("held").lockNew(WRITE_LT, 0, -1L, 2, open, 0, clientId, "locker")));
        assertEquals(Nfs4Status.LOCKS_HELD, inMem(r -> r.lookup("held").close(3, open)).status());
        assertEquals(Nfs4Status.LOCKS_HELD, client.compound(0, r -> r.releaseLockOwner(clientId, "locker")).status());
        assertEquals("I/O under a lock stateid", Nfs4Status.OK, inMem(r -> r.lookup("held").write(lock, 0, 2, new byte[4])).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("held").locku(WRITE_LT, 1, lock, 0, -1L)).status());
        assertEquals(Nfs4Status.OK, client.compound(0, r -> r.releaseLockOwner(clientId, "locker")).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("held").close(4, open)).status());
    }

    @Test
    public void lockOfAnotherProtocolsOwnerInCoresLeaseManagerIsReported() {
        long clientId = establish(client, "host-m", 1);
        Stateid open = openConfirmed(clientId, "owner", "shared-lock", BOTH, 0);
        FileHandle fh = fixture.vfs().resolve("/mem/shared-lock");
        LockOwner nlm = LockOwner.of("nlm", "client.example", new byte[] {1});
        fixture.vfs().leases().lock(fh, nlm, new LockRange(10, 10), true, false);
        Nfs4TestClient.Reply reply = inMem(r -> r.lookup("shared-lock").lockNew(READ_LT, 0, 15, 2, open, 0, clientId, "mine"));
        assertEquals(Nfs4Status.DENIED, reply.skipTo(3).next(Opcodes.LOCK));
        XdrDecoder denied = reply.in();
        assertEquals(10, denied.readHyper());
        assertEquals(10, denied.readHyper());
        assertEquals(WRITE_LT, denied.readInt());
        assertEquals(0, denied.readHyper());
        assertEquals("nlm:client.example", denied.readString(64));
    }

    @Test
    public void lockSeqidsReplayAndBadRangesAndModesAreRefused() {
        long clientId = establish(client, "host-n", 1);
        Stateid open = openConfirmed(clientId, "owner", "ranges", READ, 0);
        Stateid lock = locked(inMem(r -> r.lookup("ranges").lockNew(READ_LT, 0, 10, 2, open, 7, clientId, "l")));
        Consumer<Nfs4TestClient.Request> more = r -> r.putrootfh().lookup("mem").lookup("ranges")
                .lockExisting(READ_LT, 20, 10, lock, 8);
        Stateid first = locked(client.compound(0, more));
        assertEquals("a retransmission gets the same reply", first, locked(client.compound(0, more)));
        assertEquals(Nfs4Status.BAD_SEQID, inMem(r -> r.lookup("ranges").lockExisting(READ_LT, 40, 10, first, 12)).status());
        assertEquals(Nfs4Status.INVAL, inMem(r -> r.lookup("ranges").lockExisting(READ_LT, 40, 0, first, 9)).status());
        assertEquals(Nfs4Status.INVAL, inMem(r -> r.lookup("ranges").lockExisting(READ_LT, -10L, 20, first, 9)).status());
        assertEquals("a write lock needs an open for writing", Nfs4Status.OPENMODE,
                inMem(r -> r.lookup("ranges").lockExisting(WRITE_LT, 40, 10, first, 9)).status());
        assertEquals(Nfs4Status.NO_GRACE, inMem(r -> r.lookup("ranges").raw(Opcodes.LOCK, out -> {
            out.writeInt(READ_LT).writeBool(true).writeHyper(0).writeHyper(1).writeBool(true).writeInt(3);
            open.encode(out);
            out.writeInt(0).writeHyper(clientId).writeString("reclaimer");
        })).status());
    }
}
