package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.nfs4.internal.attr.Bitmap;
import io.manticore.protocol.nfs4.internal.attr.Fattr;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.nfs4.internal.xdr.Stateid;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.testkit.LeakCheck;

/** The namespace operations within an export, against core's VFS on memfs. */
public class NamespaceTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final Nfs4Fixture fixture = new Nfs4Fixture();
    private final Nfs4TestClient client = fixture.client();

    @After
    public void tearDown() {
        client.close();
        fixture.close();
    }

    private Nfs4TestClient.Reply inMem(Consumer<Nfs4TestClient.Request> ops) {
        return client.compound(0, r -> {
            r.putrootfh().lookup("mem");
            ops.accept(r);
        });
    }

    @Test
    public void createMakesDirectoriesSymlinksFifosAndDevices() {
        Nfs4TestClient.Reply dir = inMem(r -> r.mkdir("d", 0750).getattr(Fattr.TYPE, Fattr.MODE));
        XdrDecoder created = dir.skipTo(2).ok(Opcodes.CREATE);
        assertTrue("change_info4 atomic", created.readBool());
        long before = created.readHyper();
        long after = created.readHyper();
        assertTrue("the directory changed", after != before);
        assertEquals(Bitmap.of(Fattr.MODE), Bitmap.read(created));
        XdrDecoder attrs = PseudoFsTest.attrs(dir.ok(Opcodes.GETATTR));
        assertEquals(2, attrs.readInt());
        assertEquals(0750, attrs.readInt());

        Nfs4TestClient.Reply link = inMem(r -> r.symlink("l", "d/target").readlink());
        assertEquals("d/target", skipCreate(link).ok(Opcodes.READLINK).readString(4096));

        Nfs4TestClient.Reply fifo = inMem(r -> r.create(7, "f").getattr(Fattr.TYPE));
        assertEquals(7, PseudoFsTest.attrs(skipCreate(fifo).ok(Opcodes.GETATTR)).readInt());

        Nfs4TestClient.Reply device = inMem(r -> r.create(4, "c").getattr(Fattr.TYPE, Fattr.RAWDEV));
        XdrDecoder dev = PseudoFsTest.attrs(skipCreate(device).ok(Opcodes.GETATTR));
        assertEquals(4, dev.readInt());
        assertEquals("major", 5, dev.readInt());
        assertEquals("minor", 7, dev.readInt());

        assertEquals(Nfs4Status.BADTYPE, inMem(r -> r.create(1, "regular")).status());
        assertEquals(Nfs4Status.INVAL, inMem(r -> r.symlink("empty", "")).status());
        assertEquals(Nfs4Status.EXIST, inMem(r -> r.mkdir("d", 0755)).status());
    }

    private static Nfs4TestClient.Reply skipCreate(Nfs4TestClient.Reply reply) {
        XdrDecoder in = reply.skipTo(2).ok(Opcodes.CREATE);
        in.readBool();
        in.readHyper();
        in.readHyper();
        Bitmap.read(in);
        return reply;
    }

    @Test
    public void badNamesAreRefusedAsTheRfcSays() {
        fixture.vfs().write(Cred.ROOT, "/mem/file", new byte[1]);
        fixture.vfs().symlink("/mem/link", "file");
        assertEquals(Nfs4Status.NOENT, inMem(r -> r.lookup("nope")).status());
        assertEquals(Nfs4Status.BADNAME, inMem(r -> r.lookup("..")).status());
        assertEquals(Nfs4Status.BADNAME, inMem(r -> r.lookup("a/b")).status());
        assertEquals(Nfs4Status.INVAL, inMem(r -> r.lookup("")).status());
        assertEquals(Nfs4Status.NAMETOOLONG, inMem(r -> r.lookup("x".repeat(256))).status());
        assertEquals(Nfs4Status.INVAL, inMem(r -> r.raw(Opcodes.LOOKUP, out -> out.writeOpaque(new byte[] {(byte) 0xff}))).status());
        assertEquals(Nfs4Status.NOTDIR, inMem(r -> r.lookup("file").lookup("x")).status());
        assertEquals(Nfs4Status.SYMLINK, inMem(r -> r.lookup("link").lookup("x")).status());
    }

    @Test
    public void renameLinkAndRemoveChangeTheNamespace() {
        fixture.vfs().write(Cred.ROOT, "/mem/a", "hello".getBytes(StandardCharsets.UTF_8));
        fixture.vfs().mkdirs("/mem/dir/sub");
        assertEquals(Nfs4Status.OK, inMem(r -> r.savefh().rename("a", "b")).status());
        assertEquals(Nfs4Status.NOENT, inMem(r -> r.lookup("a")).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("b").savefh().putrootfh().lookup("mem").link("c")).status());
        Nfs4TestClient.Reply links = inMem(r -> r.lookup("c").getattr(Fattr.NUMLINKS));
        assertEquals(2, PseudoFsTest.attrs(links.skipTo(3).ok(Opcodes.GETATTR)).readInt());
        assertEquals(Nfs4Status.OK, inMem(r -> r.remove("b")).status());
        assertEquals(Nfs4Status.NOTEMPTY, inMem(r -> r.remove("dir")).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("dir").remove("sub")).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.remove("dir")).status());
        assertEquals(Nfs4Status.NOENT, inMem(r -> r.remove("dir")).status());
        assertEquals(Nfs4Status.XDEV, client.compound(0, r -> r.putrootfh().savefh().lookup("mem").rename("c", "d")).status());
    }

    @Test
    public void setattrChangesModeOwnerAndTimesAndSaysWhichItSet() {
        fixture.vfs().write(Cred.ROOT, "/mem/f", new byte[10]);
        BitSet mask = Bitmap.of(Fattr.MODE, Fattr.OWNER, Fattr.OWNER_GROUP, Fattr.TIME_MODIFY_SET);
        Nfs4TestClient.Reply set = inMem(r -> r.lookup("f").setattr(Stateid.ANONYMOUS, mask, v -> {
            v.writeInt(0600).writeString("1000").writeString("100@example.com");
            v.writeInt(1).writeHyper(1_700_000_000L).writeInt(5);
        }).getattr(Fattr.MODE, Fattr.OWNER, Fattr.OWNER_GROUP, Fattr.TIME_MODIFY));
        assertEquals(mask, Bitmap.read(set.skipTo(3).ok(Opcodes.SETATTR)));
        XdrDecoder attrs = PseudoFsTest.attrs(set.ok(Opcodes.GETATTR));
        assertEquals(0600, attrs.readInt());
        assertEquals("1000", attrs.readString(64));
        assertEquals("100", attrs.readString(64));
        assertEquals(1_700_000_000L, attrs.readHyper());
        assertEquals(5, attrs.readInt());

        Nfs4TestClient.Reply readOnly = inMem(r -> r.lookup("f").setattr(Stateid.ANONYMOUS, Bitmap.of(Fattr.TYPE),
                v -> v.writeInt(1)));
        assertEquals(Nfs4Status.INVAL, readOnly.skipTo(3).next(Opcodes.SETATTR));
        assertEquals("attrsset is empty on failure", new BitSet(), Bitmap.read(readOnly.in()));
        assertEquals(Nfs4Status.ATTRNOTSUPP, inMem(r -> r.lookup("f").setattr(Stateid.ANONYMOUS, Bitmap.of(Fattr.ACL),
                v -> v.writeInt(0))).status());
        assertEquals(Nfs4Status.BADOWNER, inMem(r -> r.lookup("f").setattr(Stateid.ANONYMOUS, Bitmap.of(Fattr.OWNER),
                v -> v.writeString("nobody-known@example.com"))).status());
        assertEquals(Nfs4Status.BADXDR, inMem(r -> r.lookup("f").setattr(Stateid.ANONYMOUS, Bitmap.of(Fattr.MODE),
                v -> v.writeInt(0644).writeInt(1))).status());
    }

    @Test
    public void setattrOfSizeTruncatesUnderTheAnonymousStateid() {
        fixture.vfs().write(Cred.ROOT, "/mem/f", new byte[100]);
        Nfs4TestClient.Reply set = inMem(r -> r.lookup("f").setattr(Stateid.ANONYMOUS, Bitmap.of(Fattr.SIZE),
                v -> v.writeHyper(7)).getattr(Fattr.SIZE));
        assertEquals(Nfs4Status.OK, set.status());
        Bitmap.read(set.skipTo(3).ok(Opcodes.SETATTR));
        assertEquals(7, PseudoFsTest.attrs(set.ok(Opcodes.GETATTR)).readHyper());
    }

    @Test
    public void verifyAndNverifyCompareTheEncodedAttributes() {
        fixture.vfs().write(Cred.ROOT, "/mem/f", new byte[42]);
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("f").verify(true, Bitmap.of(Fattr.SIZE), v -> v.writeHyper(42))).status());
        assertEquals(Nfs4Status.NOT_SAME, inMem(r -> r.lookup("f").verify(true, Bitmap.of(Fattr.SIZE), v -> v.writeHyper(41))).status());
        assertEquals(Nfs4Status.SAME, inMem(r -> r.lookup("f").verify(false, Bitmap.of(Fattr.SIZE), v -> v.writeHyper(42))).status());
        assertEquals(Nfs4Status.OK, inMem(r -> r.lookup("f").verify(false, Bitmap.of(Fattr.SIZE), v -> v.writeHyper(1))).status());
        assertEquals(Nfs4Status.INVAL, inMem(r -> r.lookup("f").verify(true, Bitmap.of(Fattr.TIME_ACCESS_SET),
                v -> v.writeInt(0))).status());
    }

    @Test
    public void readdirPagesThroughEveryEntryWithCookiesAndTheVerifier() {
        TreeSet<String> made = new TreeSet<>();
        for (int i = 0; i < 40; i++) {
            String name = "entry-" + i;
            fixture.vfs().write(Cred.ROOT, "/mem/dir/" + name, new byte[i]);
            made.add(name);
        }
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        boolean eof = false;
        int pages = 0;
        while (!eof) {
            long c = cookie;
            long v = verifier;
            Nfs4TestClient.Reply page = inMem(r -> r.lookup("dir").readdir(c, v, 512, 600, Fattr.SIZE, Fattr.FILEID));
            XdrDecoder in = page.skipTo(3).ok(Opcodes.READDIR);
            verifier = in.readHyper();
            while (in.readBool()) {
                cookie = in.readHyper();
                assertTrue("cookies 1 and 2 are reserved", cookie > 2);
                String name = in.readString(255);
                seen.add(name);
                XdrDecoder attrs = PseudoFsTest.attrs(in);
                assertEquals(Long.parseLong(name.substring(6)), attrs.readHyper());
            }
            eof = in.readBool();
            pages++;
        }
        assertTrue("several pages", pages > 2);
        assertEquals(made, new TreeSet<>(seen));
        assertEquals("no entry twice", made.size(), seen.size());
        assertEquals(Nfs4Status.TOOSMALL, inMem(r -> r.lookup("dir").readdir(0, 0, 10, 10, Fattr.SIZE)).status());
        assertEquals(Nfs4Status.BAD_COOKIE, inMem(r -> r.lookup("dir").readdir(1, 0, 512, 4096)).status());
    }

    @Test
    public void handleOfARemovedFileIsStale() {
        fixture.vfs().write(Cred.ROOT, "/mem/gone", new byte[1]);
        byte[] handle = inMem(r -> r.lookup("gone").getfh()).skipTo(3).fh();
        assertEquals(Nfs4Status.OK, inMem(r -> r.remove("gone")).status());
        assertEquals(Nfs4Status.STALE, client.compound(0, r -> r.putfh(handle).getattr(Fattr.SIZE)).status());
    }

    @Test
    public void accessFollowsTheModeAndAReadOnlyExportWithholdsWrites() {
        fixture.vfs().write(Cred.ROOT, "/mem/f", new byte[1]);
        client.as(1000, 1000);
        XdrDecoder other = inMem(r -> r.lookup("f").access(0x3f)).skipTo(3).ok(Opcodes.ACCESS);
        assertEquals(0x3f, other.readInt());
        assertEquals("others may read 0644", 0x01, other.readInt());
        client.as(0, 0);
        fixture.export("/mem", true, "none", List.of("127.0.0.1"));
        XdrDecoder root = inMem(r -> r.lookup("f").access(0x3f)).skipTo(3).ok(Opcodes.ACCESS);
        root.readInt();
        assertEquals("read-only export: read only", 0x01, root.readInt());
        assertEquals(Nfs4Status.ROFS, inMem(r -> r.mkdir("x", 0755)).status());
    }

    @Test
    public void rootIsSquashedToTheAnonymousIdentity() {
        fixture.export("/mem", false, "root", List.of("127.0.0.1"));
        TestVfs.await(fixture.vfs().vfs().setattr(Cred.ROOT, fixture.vfs().resolve("/mem"), SetAttrs.mode(0777), Guard.NONE));
        Nfs4TestClient.Reply made = inMem(r -> r.mkdir("squashed", 0777).getattr(Fattr.OWNER, Fattr.OWNER_GROUP));
        XdrDecoder attrs = PseudoFsTest.attrs(skipCreate(made).ok(Opcodes.GETATTR));
        assertEquals("65534", attrs.readString(64));
        assertEquals("65534", attrs.readString(64));
    }

    @Test
    public void secinfoOffersAuthSysThenAuthNoneAndConsumesTheFilehandle() {
        Nfs4TestClient.Reply reply = client.compound(0, r -> r.putrootfh().secinfo("mem").getfh());
        XdrDecoder flavors = reply.skipTo(1).ok(Opcodes.SECINFO);
        assertEquals(2, flavors.readInt());
        assertEquals(1, flavors.readInt());
        assertEquals(0, flavors.readInt());
        assertEquals(Nfs4Status.NOFILEHANDLE, reply.next(Opcodes.GETFH));
        assertEquals(Nfs4Status.NOENT, client.compound(0, r -> r.putrootfh().secinfo("nope")).status());
    }

    @Test
    public void getattrOfAWriteOnlyAttributeIsInval() {
        assertEquals(Nfs4Status.INVAL, inMem(r -> r.getattr(Fattr.TIME_MODIFY_SET)).status());
    }
}
