package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.testkit.LeakCheck;

/** The NFSv4.2 operations served: SEEK, ALLOCATE, DEALLOCATE and RFC 8276's extended attributes. */
public class Ops42Test {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final Nfs4Fixture fixture = new Nfs4Fixture();
    private final Nfs4TestClient client = fixture.client();
    private final Nfs41Session session = new Nfs41Session(client, 2, "v42-host");

    @Before
    public void openSession() {
        session.open();
    }

    @After
    public void tearDown() {
        client.close();
        fixture.close();
    }

    private Nfs4TestClient.Reply onFile(String name, Consumer<Nfs4TestClient.Request> ops) {
        return session.call(r -> {
            r.putrootfh().lookup("mem").lookup(name);
            ops.accept(r);
        });
    }

    @Test
    public void seekFindsDataAndHolesAndNxioPastTheEnd() {
        fixture.vfs().write(Cred.ROOT, "/mem/sparse", new byte[4096]);
        TestVfs.await(fixture.vfs().vfs().setattr(Cred.ROOT, fixture.vfs().resolve("/mem/sparse"),
                SetAttrs.NONE.withSize(1 << 20), Guard.NONE));
        XdrDecoder data = onFile("sparse", r -> r.seek(Stateid.ANONYMOUS, 0, 0)).skipTo(4).ok(Opcodes.SEEK);
        assertFalse(data.readBool());
        assertEquals(0, data.readHyper());
        XdrDecoder hole = onFile("sparse", r -> r.seek(Stateid.ANONYMOUS, 0, 1)).skipTo(4).ok(Opcodes.SEEK);
        hole.readBool();
        long holeAt = hole.readHyper();
        assertTrue("the hole starts after the data: " + holeAt, holeAt >= 4096 && holeAt < 1 << 20);
        XdrDecoder noMoreData = onFile("sparse", r -> r.seek(Stateid.ANONYMOUS, holeAt, 0)).skipTo(4).ok(Opcodes.SEEK);
        assertTrue("RFC 7862 15.11.3: no data after the offset is eof", noMoreData.readBool());
        assertEquals(1 << 20, noMoreData.readHyper());
        assertEquals(Nfs4Status.NXIO, onFile("sparse", r -> r.seek(Stateid.ANONYMOUS, 2 << 20, 1)).status());
    }

    @Test
    public void allocateExtendsAndDeallocatePunchesAHoleThatReadsAsZeros() {
        byte[] ones = new byte[8192];
        Arrays.fill(ones, (byte) 1);
        fixture.vfs().write(Cred.ROOT, "/mem/blocks", ones);
        Nfs4TestClient.Reply grown = onFile("blocks", r -> r.allocate(false, Stateid.ANONYMOUS, 8192, 4096).getattr(Fattr.SIZE));
        assertEquals(Nfs4Status.OK, grown.status());
        grown.skipTo(5);
        assertEquals(12288, PseudoFsTest.attrs(grown.ok(Opcodes.GETATTR)).readHyper());
        assertEquals(Nfs4Status.OK, onFile("blocks", r -> r.allocate(true, Stateid.ANONYMOUS, 0, 4096)).status());
        XdrDecoder read = onFile("blocks", r -> r.read(Stateid.ANONYMOUS, 0, 8192)).skipTo(4).ok(Opcodes.READ);
        read.readBool();
        byte[] expected = ones.clone();
        Arrays.fill(expected, 0, 4096, (byte) 0);
        assertArrayEquals(expected, read.readOpaqueBytes(8192));
    }

    @Test
    public void extendedAttributesAreSetReadListedAndRemoved() {
        fixture.vfs().write(Cred.ROOT, "/mem/x", new byte[1]);
        byte[] value = "blue".getBytes(StandardCharsets.UTF_8);
        XdrDecoder set = onFile("x", r -> r.setxattr(1, "colour", value)).skipTo(4).ok(Opcodes.SETXATTR);
        assertTrue(set.readBool());
        assertTrue("the change attribute moved", set.readHyper() != set.readHyper());
        assertEquals(Nfs4Status.EXIST, onFile("x", r -> r.setxattr(1, "colour", value)).status());
        assertEquals(Nfs4Status.NOXATTR, onFile("x", r -> r.setxattr(2, "shape", value)).status());
        assertEquals(Nfs4Status.OK, onFile("x", r -> r.setxattr(0, "shape", new byte[] {1, 2})).status());
        assertArrayEquals(value, onFile("x", r -> r.getxattr("colour")).skipTo(4).ok(Opcodes.GETXATTR).readOpaqueBytes(64));
        XdrDecoder listed = onFile("x", r -> r.listxattrs(0, 4096)).skipTo(4).ok(Opcodes.LISTXATTRS);
        assertEquals(2, listed.readHyper());
        List<String> names = new ArrayList<>(listed.readArray(8, d -> d.readString(255)));
        assertTrue(listed.readBool());
        names.sort(null);
        assertEquals(List.of("colour", "shape"), names);
        assertEquals(Nfs4Status.OK, onFile("x", r -> r.removexattr("colour")).status());
        assertEquals(Nfs4Status.NOXATTR, onFile("x", r -> r.getxattr("colour")).status());
        assertEquals(Nfs4Status.XATTR2BIG, onFile("x", r -> r.setxattr(0, "big", new byte[64 * 1024 + 1])).status());
    }

    @Test
    public void xattrSupportAndAccessBitsAreThe42s() {
        Nfs4TestClient.Reply reply = session.call(r -> r.putrootfh().lookup("mem").getattr(Fattr.XATTR_SUPPORT).access(0x1ff));
        assertTrue(PseudoFsTest.attrs(reply.skipTo(3).ok(Opcodes.GETATTR)).readBool());
        XdrDecoder access = reply.ok(Opcodes.ACCESS);
        assertEquals(0x1ff, access.readInt());
        assertEquals(0x1df, access.readInt());
    }

    @Test
    public void xattrOperationsAreIllegalBefore42() {
        Nfs41Session v41 = new Nfs41Session(client, 1, "v41-host");
        v41.open();
        Nfs4TestClient.Reply reply = v41.call(r -> r.putrootfh().getxattr("a"));
        assertEquals(Nfs4Status.OP_ILLEGAL, reply.status());
    }
}
