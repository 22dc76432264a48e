package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.testkit.LeakCheck;

/** COMPOUND as a whole: minor versions, the operation bound, unknown and malformed operations. */
public class CompoundTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final Nfs4Fixture fixture = new Nfs4Fixture();
    private final Nfs4TestClient client = fixture.client();

    @After
    public void tearDown() {
        client.close();
        fixture.close();
    }

    @Test
    public void nullProcedureAnswersNothing() {
        assertArrayEquals(new byte[0], client.call(0, out -> { }));
    }

    @Test
    public void unknownProcedureIsProcUnavail() {
        assertEquals(3, client.acceptStat(2, out -> { }));
    }

    @Test
    public void tagIsEchoedAndEveryOperationAnswered() {
        Nfs4TestClient.Reply reply = client.compound(0, "my tag", r -> r.putrootfh().getfh().getattr(Fattr.TYPE));
        assertEquals(Nfs4Status.OK, reply.status());
        assertEquals("my tag", reply.tag());
        assertEquals(3, reply.count());
        reply.ok(Opcodes.PUTROOTFH);
        assertEquals(17, reply.fh().length);
        reply.ok(Opcodes.GETATTR);
    }

    @Test
    public void unknownMinorVersionIsRefusedWithNoResults() {
        Nfs4TestClient.Reply reply = client.compound(3, "v4.3", r -> r.putrootfh());
        assertEquals(Nfs4Status.MINOR_VERS_MISMATCH, reply.status());
        assertEquals("v4.3", reply.tag());
        assertEquals(0, reply.count());
    }

    @Test
    public void tooManyOperationsIsResourceIn40AndTooManyOpsIn41() {
        int max = Nfs4Settings.DEFAULTS.maxOperations();
        Nfs4TestClient.Reply v40 = client.compound(0, r -> {
            for (int i = 0; i <= max; i++) {
                r.putrootfh();
            }
        });
        assertEquals(Nfs4Status.RESOURCE, v40.status());
        assertEquals(0, v40.count());
        Nfs4TestClient.Reply v41 = client.compound(1, r -> {
            for (int i = 0; i <= max; i++) {
                r.putrootfh();
            }
        });
        assertEquals(Nfs4Status.TOO_MANY_OPS, v41.status());
        Nfs4TestClient.Reply atTheBound = client.compound(0, r -> {
            for (int i = 0; i < max; i++) {
                r.putrootfh();
            }
        });
        assertEquals(Nfs4Status.OK, atTheBound.status());
        assertEquals(max, atTheBound.count());
    }

    @Test
    public void unknownOpcodeIsOpIllegalAfterTheOperationsBeforeItRan() {
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putrootfh().raw(999, out -> out.writeInt(1)).getfh());
        assertEquals(Nfs4Status.OP_ILLEGAL, reply.status());
        assertEquals(2, reply.count());
        reply.ok(Opcodes.PUTROOTFH);
        assertEquals(Nfs4Status.OP_ILLEGAL, reply.next(Opcodes.ILLEGAL));
    }

    @Test
    public void operationsOfLaterMinorVersionsAreIllegalIn40() {
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putrootfh().raw(Opcodes.SEQUENCE, out -> { }));
        assertEquals(Nfs4Status.OP_ILLEGAL, reply.status());
        reply.ok(Opcodes.PUTROOTFH);
        assertEquals(Nfs4Status.OP_ILLEGAL, reply.next(Opcodes.ILLEGAL));
    }

    @Test
    public void retiredOperationsAreNotSupportedIn41() {
        Nfs4TestClient.Reply reply = client.compound(1, r -> r.setclientid(new byte[] {1}, 1));
        assertEquals(Nfs4Status.NOTSUPP, reply.status());
        assertEquals(Nfs4Status.NOTSUPP, reply.next(Opcodes.SETCLIENTID));
    }

    @Test
    public void unservedOperationIsNotSupported() {
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putrootfh().raw(Opcodes.OPENATTR, out -> out.writeBool(false)));
        assertEquals(Nfs4Status.NOTSUPP, reply.status());
        reply.ok(Opcodes.PUTROOTFH);
        assertEquals(Nfs4Status.NOTSUPP, reply.next(Opcodes.OPENATTR));
    }

    @Test
    public void truncatedArgumentsAreBadXdrAfterTheOperationsBeforeThemRan() {
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putrootfh().raw(Opcodes.LOOKUP, out -> out.writeInt(100)));
        assertEquals(Nfs4Status.BADXDR, reply.status());
        assertEquals(2, reply.count());
        reply.ok(Opcodes.PUTROOTFH);
        assertEquals(Nfs4Status.BADXDR, reply.next(Opcodes.LOOKUP));
    }

    @Test
    public void truncatedHeaderIsGarbageArgs() {
        assertEquals(4, client.acceptStat(1, out -> out.writeInt(8).writeInt(1)));
    }

    @Test
    public void operationWithoutFilehandleIsNoFilehandle() {
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.getfh());
        assertEquals(Nfs4Status.NOFILEHANDLE, reply.status());
        assertEquals(Nfs4Status.NOFILEHANDLE, reply.next(Opcodes.GETFH));
    }

    @Test
    public void restoreWithoutSaveIsRestorefh() {
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putrootfh().restorefh());
        assertEquals(Nfs4Status.RESTOREFH, reply.status());
    }

    @Test
    public void forgedHandleIsBadHandle() {
        byte[] handle = client.compound(0, r -> r.putrootfh().path("mem").getfh()).skipTo(2).fh();
        handle[handle.length - 1] ^= 1;
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putfh(handle).getfh());
        assertEquals(Nfs4Status.BADHANDLE, reply.status());
        assertEquals(Nfs4Status.BADHANDLE, reply.next(Opcodes.PUTFH));
        Nfs4TestClient.Reply empty = client.compound(0, r -> r.putfh(new byte[0]));
        assertEquals(Nfs4Status.BADHANDLE, empty.status());
    }

    @Test
    public void handleOfAnExportNoLongerServedIsStale() {
        byte[] handle = client.compound(0, r -> r.putrootfh().path("mem").getfh()).skipTo(2).fh();
        fixture.unexport("/mem");
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putfh(handle).getfh());
        assertEquals(Nfs4Status.STALE, reply.status());
    }
}
