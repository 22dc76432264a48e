package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.pseudo.PseudoFs;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.Unpooled;

/** The pseudo file system: a read-only tree whose leaves are the exports the client may use. */
public class PseudoFsTest {

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
    public void rootListsTheExportsAndTheDirectoriesLeadingToThem() {
        fixture.vfs().mkdirs("/mem/projects/alpha");
        fixture.unexport("/mem").export("/mem/projects/alpha", false, "none", List.of("127.0.0.1"));
        assertEquals(List.of("mem"), names(client.compound(0, r -> r.putrootfh().readdir(0, 0, 4096, 8192, Fattr.TYPE))
                .skipTo(1)));
        assertEquals(List.of("projects"), names(client.compound(0, r -> r.putrootfh().lookup("mem")
                .readdir(0, 0, 4096, 8192, Fattr.TYPE)).skipTo(2)));
        Nfs4TestClient.Reply missing = client.compound(0, r -> r.putrootfh().lookup("data"));
        assertEquals(Nfs4Status.NOENT, missing.status());
    }

    @Test
    public void exportsTheClientMayNotUseAreNotShown() {
        fixture.export("/mem", false, "none", List.of("10.0.0.0/8"));
        assertEquals(List.of(), names(client.compound(0, r -> r.putrootfh().readdir(0, 0, 4096, 8192)).skipTo(1)));
        assertEquals(Nfs4Status.NOENT, client.compound(0, r -> r.putrootfh().lookup("mem")).status());
    }

    @Test
    public void exportRootHasItsMountsFsidAndIsMountedOnItsPseudoDirectory() {
        Attrs real = TestVfs.await(fixture.vfs().vfs().getattr(Cred.ROOT, fixture.vfs().resolve("/mem"), AttrMask.ALL));
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putrootfh().getattr(Fattr.FSID, Fattr.FILEID)
                .lookup("mem").getattr(Fattr.FSID, Fattr.FILEID, Fattr.MOUNTED_ON_FILEID, Fattr.TYPE));
        assertEquals(Nfs4Status.OK, reply.status());
        XdrDecoder root = attrs(reply.skipTo(1).ok(Opcodes.GETATTR));
        assertEquals("pseudo fsid major", 0, root.readHyper());
        assertEquals("pseudo fsid minor", 0, root.readHyper());
        assertEquals(PseudoFs.idOf("/"), root.readHyper());
        XdrDecoder export = attrs(reply.skipTo(3).ok(Opcodes.GETATTR));
        assertEquals("directory, first in bit order", 2, export.readInt());
        long major = export.readHyper();
        long minor = export.readHyper();
        assertNotEquals(0, major | minor);
        assertEquals(real.fileId(), export.readHyper());
        assertEquals(PseudoFs.idOf("/mem"), export.readHyper());
    }

    @Test
    public void lookuppClimbsFromAnExportRootIntoThePseudoFileSystemAndStopsAtItsRoot() {
        byte[] root = client.compound(0, r -> r.putrootfh().getfh()).skipTo(1).fh();
        Nfs4TestClient.Reply up = client.compound(0, r -> r.putrootfh().lookup("mem").lookupp().getfh());
        assertArrayEquals(root, up.skipTo(3).fh());
        Nfs4TestClient.Reply above = client.compound(0, r -> r.putrootfh().lookupp());
        assertEquals(Nfs4Status.NOENT, above.status());
    }

    @Test
    public void pseudoFileSystemIsReadOnly() {
        assertEquals(Nfs4Status.ROFS, client.compound(0, r -> r.putrootfh().mkdir("new", 0755)).status());
        assertEquals(Nfs4Status.ROFS, client.compound(0, r -> r.putrootfh().remove("mem")).status());
        Nfs4TestClient.Reply access = client.compound(0, r -> r.putrootfh().access(0x3f));
        XdrDecoder granted = access.skipTo(1).ok(Opcodes.ACCESS);
        assertEquals(0x3f, granted.readInt());
        assertEquals("read and lookup only", 0x03, granted.readInt());
    }

    @Test
    public void publicFilehandleIsTheRoot() {
        byte[] root = client.compound(0, r -> r.putrootfh().getfh()).skipTo(1).fh();
        assertArrayEquals(root, client.compound(0, r -> r.putpubfh().getfh()).skipTo(1).fh());
    }

    @Test
    public void pseudoHandleOfADirectoryNoLongerExportedIsStale() {
        fixture.vfs().mkdirs("/mem/a/b");
        fixture.export("/mem/a/b", false, "none", List.of("127.0.0.1"));
        fixture.unexport("/mem");
        byte[] memDir = client.compound(0, r -> r.putrootfh().lookup("mem").getfh()).skipTo(2).fh();
        fixture.unexport("/mem/a/b");
        assertEquals(Nfs4Status.STALE, client.compound(0, r -> r.putfh(memDir).getattr(Fattr.TYPE)).status());
    }

    @Test
    public void supportedAttributesGrowWithTheMinorVersion() {
        List<Integer> v40 = supported(client.compound(0, r -> r.putrootfh().getattr(Fattr.SUPPORTED_ATTRS)));
        assertTrue(v40.containsAll(List.of(Fattr.TYPE, Fattr.CHANGE, Fattr.SIZE, Fattr.FSID, Fattr.LEASE_TIME,
                Fattr.FILEHANDLE, Fattr.MODE, Fattr.OWNER, Fattr.MOUNTED_ON_FILEID, Fattr.MAXREAD)));
        assertFalse("no ACLs", v40.contains(Fattr.ACL));
        assertFalse(v40.contains(Fattr.SUPPATTR_EXCLCREAT));
        Nfs41Session session = new Nfs41Session(client);
        session.open();
        List<Integer> v41 = supported(session.call(r -> r.putrootfh().getattr(Fattr.SUPPORTED_ATTRS)));
        assertTrue(v41.contains(Fattr.SUPPATTR_EXCLCREAT));
    }

    private static List<Integer> supported(Nfs4TestClient.Reply reply) {
        XdrDecoder in = reply.in();
        while (true) {
            int opcode = in.readInt();
            int status = in.readInt();
            assertEquals(0, status);
            if (opcode == Opcodes.GETATTR) {
                break;
            }
        }
        XdrDecoder values = attrs(in);
        List<Integer> bits = new ArrayList<>();
        Bitmap.read(values).stream().forEach(bits::add);
        return bits;
    }

    /** The attribute values of a GETATTR result (its bitmap skipped). */
    static XdrDecoder attrs(XdrDecoder in) {
        Bitmap.read(in);
        return new XdrDecoder(Unpooled.wrappedBuffer(in.readOpaqueBytes(1 << 20)));
    }

    /** The names a READDIR result lists. */
    static List<String> names(Nfs4TestClient.Reply reply) {
        XdrDecoder in = reply.ok(Opcodes.READDIR);
        in.readHyper();
        List<String> names = new ArrayList<>();
        while (in.readBool()) {
            in.readHyper();
            names.add(in.readString(255));
            Bitmap.read(in);
            in.readOpaqueBytes(1 << 20);
        }
        in.readBool();
        return names;
    }
}
