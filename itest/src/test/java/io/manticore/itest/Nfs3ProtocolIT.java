package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.ConfigService;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.itest.rpc.Auth;
import io.manticore.itest.rpc.Fattr3;
import io.manticore.itest.rpc.MountClient;
import io.manticore.itest.rpc.Nfs3;
import io.manticore.itest.rpc.Nfs3Client;
import io.manticore.itest.rpc.NfsTime;
import io.manticore.itest.rpc.RpcClient;
import io.manticore.itest.rpc.RpcReply;
import io.manticore.itest.rpc.Sattr3;
import io.manticore.itest.rpc.Wcc3;
import io.manticore.itest.rpc.XdrWriter;

/**
 * NFSv3 and MOUNT of the assembled server driven call by call with a hand-written RPC client:
 * every procedure on its happy path, the error statuses RFC 1813 defines, and the RPC layer's
 * answers to calls it cannot serve (RFC 5531), malformed records and abandoned connections.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Nfs3ProtocolIT {

    private static final int MIB = 1024 * 1024;
    /** RpcPipeline.DEFAULT_MAX_RECORD_SIZE: a 1 MiB WRITE with room for its headers. */
    private static final int MAX_RECORD = MIB + 64 * 1024;
    private static final int ANON = 65534;
    private static final String GONE_EXPORT = "    \"/mem/gone\": { \"squash\": \"none\" },\n";
    private static final String CONFIG = """
            {
              "listeners": [
                { "protocol": "nfs3", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                { "protocol": "mount", "transport": "tcp", "address": "127.0.0.1", "port": 0 }
              ],
              "mounts": { "mem": { "module": "memfs", "options": { "size": "64m" } } },
              "exports": {
            """ + GONE_EXPORT + """
                "/mem": { "access": "rw", "squash": "none" },
                "/mem/ro": { "access": "ro" },
                "/mem/sq": { "squash": "root", "anonuid": 65534, "anongid": 65534 }
              },
              "shell": { "ssh": false }
            }
            """;
    private static final byte[] README = "exported read-only\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private ConfigService config;
    @Inject
    private Vfs vfs;

    private LeakLog leaks;
    private RpcClient nfsConnection;
    private RpcClient mountConnection;
    private Nfs3Client nfs;
    private MountClient mount;
    private byte[] memRoot;
    private byte[] roRoot;
    private byte[] sqRoot;

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("nfs3-protocol", CONFIG));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        try {
            Await.until("the nfs3 and mount listeners BOUND", 30_000, () -> boundPort("nfs3") > 0 && boundPort("mount") > 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; listeners: " + listeners.listeners());
        }
        Await.until("mount mem ACTIVE", 20_000, () -> "ACTIVE".equals(mountState("mem")));
        prepareExportedFolders();
        nfsConnection = new RpcClient(boundPort("nfs3"));
        mountConnection = new RpcClient(boundPort("mount"));
        nfs = new Nfs3Client(nfsConnection, Auth.root());
        mount = new MountClient(mountConnection, Auth.root());
        memRoot = mount.root("/mem");
        roRoot = mount.root("/mem/ro");
        sqRoot = mount.root("/mem/sq");
    }

    @After
    public void disconnect() throws Exception {
        if (nfsConnection != null) {
            nfsConnection.close();
        }
        if (mountConnection != null) {
            mountConnection.close();
        }
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    // ---- the happy path of every procedure ----

    @Test
    public void theNullProceduresOfBothProgramsAnswerEmptyResults() throws Exception {
        nfs.nullCall();
        RpcReply reply = mountConnection.call(MountClient.PROGRAM, MountClient.VERSION, 0, Auth.NONE, new byte[0]);
        assertEquals(0, reply.success().remaining());
    }

    @Test
    public void getattrOfTheExportRootDescribesARootOwnedDirectory() throws Exception {
        Nfs3Client.Getattr root = nfs.getattr(memRoot);
        assertEquals(Nfs3.OK, root.status());
        Fattr3 a = root.attrs();
        assertEquals(Fattr3.NF3DIR, a.type());
        assertEquals(0755, a.mode());
        assertEquals(0, a.uid());
        assertEquals(0, a.gid());
        assertTrue("nlink " + a.nlink(), a.nlink() >= 2);
        byte[] dir = newDir("getattr");
        Fattr3 sub = nfs.getattr(dir).attrs();
        assertEquals(Fattr3.NF3DIR, sub.type());
        assertEquals(0777, sub.mode());
        assertEquals(2, sub.nlink());
        assertEquals("one fsid per mount", a.fsid(), sub.fsid());
        assertNotEquals(a.fileId(), sub.fileId());
    }

    @Test
    public void setattrChangesModeSizeAndTimesAndReportsBothHalvesOfWcc() throws Exception {
        byte[] dir = newDir("setattr");
        byte[] content = VfsClient.random(10, 100);
        byte[] fh = newFile(dir, "f", 0644, content);
        NfsTime atime = new NfsTime(1_500_000_000L, 1);
        NfsTime mtime = new NfsTime(1_600_000_000L, 123_456_789);
        Nfs3Client.WccResult r = nfs.setattr(fh, new Sattr3(0600, null, null, 10L, atime, mtime), null);
        assertEquals(Nfs3.OK, r.status());
        assertNotNull("pre-operation attributes", r.wcc().before());
        assertEquals(100, r.wcc().before().size());
        Fattr3 after = r.wcc().after();
        assertNotNull("post-operation attributes", after);
        assertEquals(0600, after.mode());
        assertEquals(10, after.size());
        assertEquals(atime, after.atime());
        assertEquals(mtime, after.mtime());
        assertEquals(after, nfs.getattr(fh).attrs());
        assertArrayEquals(Arrays.copyOf(content, 10), nfs.read(fh, 0, 100).data());

        Fattr3 serverTime = nfs.setattr(fh, new Sattr3(null, null, null, null, null, Sattr3.SERVER_TIME), null).wcc().after();
        assertTrue("mtime set to the server's clock: " + serverTime.mtime(), serverTime.mtime().seconds() > mtime.seconds());
        assertEquals(atime, serverTime.atime());
    }

    @Test
    public void setattrWithACtimeGuardAppliesOnlyWhenTheCtimeMatches() throws Exception {
        byte[] dir = newDir("guard");
        byte[] fh = newFile(dir, "f", 0644, new byte[0]);
        NfsTime before = nfs.getattr(fh).attrs().ctime();
        assertEquals(Nfs3.OK, nfs.setattr(fh, Sattr3.mode(0600), before).status());
        NfsTime changed = nfs.getattr(fh).attrs().ctime();
        assertNotEquals("SETATTR moves the ctime", before, changed);

        Nfs3Client.WccResult stale = nfs.setattr(fh, Sattr3.mode(0640), before);
        assertEquals(Nfs3.ERR_NOT_SYNC, stale.status());
        assertEquals(0600, stale.wcc().after().mode());
        Nfs3Client.WccResult made = nfs.setattr(fh, Sattr3.mode(0640), new NfsTime(12_345, 678));
        assertEquals(Nfs3.ERR_NOT_SYNC, made.status());
        assertEquals(0600, nfs.getattr(fh).attrs().mode());
        assertEquals(changed, nfs.getattr(fh).attrs().ctime());
    }

    @Test
    public void lookupFindsANameTheDirectoryItselfAndItsParent() throws Exception {
        byte[] dir = newDir("lookup");
        byte[] fh = newFile(dir, "f", 0644, new byte[3]);
        Nfs3Client.Lookup found = nfs.lookup(dir, "f");
        assertEquals(Nfs3.OK, found.status());
        assertArrayEquals(fh, found.fh());
        assertEquals(3, found.attrs().size());
        assertEquals(nfs.getattr(dir).attrs().fileId(), found.dirAttrs().fileId());

        Nfs3Client.Lookup dot = nfs.lookup(dir, ".");
        assertEquals(Nfs3.OK, dot.status());
        assertArrayEquals(dir, dot.fh());
        Nfs3Client.Lookup dotdot = nfs.lookup(dir, "..");
        assertEquals(Nfs3.OK, dotdot.status());
        assertArrayEquals(memRoot, dotdot.fh());
        assertEquals(nfs.getattr(memRoot).attrs().fileId(), dotdot.attrs().fileId());
    }

    @Test
    public void dotDotAtAnExportRootIsTheRootItselfEvenBelowAnotherExport() throws Exception {
        Nfs3Client.Lookup atMem = nfs.lookup(memRoot, "..");
        assertEquals(Nfs3.OK, atMem.status());
        assertArrayEquals(memRoot, atMem.fh());
        Nfs3Client.Lookup atRo = nfs.lookup(roRoot, "..");
        assertEquals(Nfs3.OK, atRo.status());
        assertArrayEquals("/mem/ro's parent stays inside /mem/ro", roRoot, atRo.fh());
        assertEquals(nfs.getattr(roRoot).attrs().fileId(), atRo.attrs().fileId());
    }

    @Test
    public void accessGrantsOwnerGroupOthersAndRootWhatTheModeAllows() throws Exception {
        byte[] dir = newDir("access");
        Nfs3Client owner = nfs.as(Auth.sys(1000, 1000));
        Nfs3Client.Created file = owner.create(dir, "mine", Nfs3.GUARDED, Sattr3.mode(0640));
        assertEquals(Nfs3.OK, file.status());
        assertEquals(1000, file.attrs().uid());
        byte[] fh = file.fh();
        int rw = Nfs3.ACCESS_READ | Nfs3.ACCESS_MODIFY | Nfs3.ACCESS_EXTEND;
        assertEquals(rw, owner.access(fh, Nfs3.ACCESS_ALL).granted());
        assertEquals("only the bits asked", Nfs3.ACCESS_READ, owner.access(fh, Nfs3.ACCESS_READ).granted());
        assertEquals(Nfs3.ACCESS_READ, nfs.as(Auth.sys(2000, 3000, 1000)).access(fh, Nfs3.ACCESS_ALL).granted());
        Nfs3Client.Access other = nfs.as(Auth.sys(2000, 2000)).access(fh, Nfs3.ACCESS_ALL);
        assertEquals(Nfs3.OK, other.status());
        assertEquals(0, other.granted());
        assertEquals(0640, other.attrs().mode());
        assertEquals("root, and nobody may execute", rw, nfs.access(fh, Nfs3.ACCESS_ALL).granted());
        int dirRights = Nfs3.ACCESS_READ | Nfs3.ACCESS_LOOKUP | Nfs3.ACCESS_MODIFY | Nfs3.ACCESS_EXTEND | Nfs3.ACCESS_DELETE;
        assertEquals(dirRights, nfs.as(Auth.sys(2000, 2000)).access(dir, Nfs3.ACCESS_ALL).granted());
    }

    @Test
    public void accessOnAReadOnlyExportGrantsNoWrites() throws Exception {
        assertEquals(0777, nfs.getattr(roRoot).attrs().mode());
        assertEquals(Nfs3.ACCESS_READ | Nfs3.ACCESS_LOOKUP, nfs.access(roRoot, Nfs3.ACCESS_ALL).granted());
        byte[] readme = nfs.lookup(roRoot, "readme.txt").fh();
        assertEquals(Nfs3.ACCESS_READ, nfs.access(readme, Nfs3.ACCESS_ALL).granted());
    }

    @Test
    public void symlinkStoresATargetThatReadlinkReturns() throws Exception {
        byte[] dir = newDir("symlink");
        String target = "some/where/target.txt";
        Nfs3Client.Created link = nfs.symlink(dir, "ln", Sattr3.NONE, target);
        assertEquals(Nfs3.OK, link.status());
        assertEquals(Fattr3.NF3LNK, link.attrs().type());
        assertEquals(target.length(), link.attrs().size());
        assertWcc(link.dirWcc());
        Nfs3Client.Readlink read = nfs.readlink(link.fh());
        assertEquals(Nfs3.OK, read.status());
        assertEquals(target, read.target());
        assertEquals(Fattr3.NF3LNK, read.attrs().type());
        Nfs3Client.Lookup looked = nfs.lookup(dir, "ln");
        assertEquals("LOOKUP does not follow the link", Fattr3.NF3LNK, looked.attrs().type());
        assertArrayEquals(link.fh(), looked.fh());
        assertEquals(Nfs3.ERR_INVAL, nfs.readlink(dir).status());
    }

    @Test
    public void readReturnsTheBytesWrittenAndEofAtTheEnd() throws Exception {
        byte[] dir = newDir("read");
        byte[] content = VfsClient.random(11, 10_000);
        byte[] fh = newFile(dir, "f", 0644, new byte[0]);
        Nfs3Client.Write w = nfs.write(fh, 0, content, Nfs3.FILE_SYNC);
        assertEquals(Nfs3.OK, w.status());
        assertEquals(content.length, w.count());
        assertEquals(Nfs3.FILE_SYNC, w.committed());
        assertWcc(w.wcc());
        assertEquals(0, w.wcc().before().size());
        assertEquals(content.length, w.wcc().after().size());

        Nfs3Client.Read head = nfs.read(fh, 0, 4096);
        assertEquals(Nfs3.OK, head.status());
        assertEquals(4096, head.count());
        assertFalse(head.eof());
        assertArrayEquals(Arrays.copyOfRange(content, 0, 4096), head.data());
        assertEquals(content.length, head.attrs().size());
        Nfs3Client.Read tail = nfs.read(fh, 8192, 4096);
        assertEquals(1808, tail.count());
        assertTrue(tail.eof());
        assertArrayEquals(Arrays.copyOfRange(content, 8192, 10_000), tail.data());
        Nfs3Client.Read past = nfs.read(fh, 20_000, 100);
        assertEquals(Nfs3.OK, past.status());
        assertEquals(0, past.count());
        assertTrue(past.eof());
        assertEquals(0, past.data().length);
        assertEquals(Nfs3.ERR_ISDIR, nfs.read(dir, 0, 10).status());
    }

    @Test
    public void aOneMebibyteWriteAndReadTravelInOneCallEach() throws Exception {
        byte[] dir = newDir("mib");
        byte[] content = VfsClient.random(12, MIB);
        byte[] fh = newFile(dir, "f", 0644, new byte[0]);
        Nfs3Client.Write w = nfs.write(fh, 0, content, Nfs3.FILE_SYNC);
        assertEquals(Nfs3.OK, w.status());
        assertEquals(MIB, w.count());
        Nfs3Client.Read r = nfs.read(fh, 0, MIB);
        assertEquals(MIB, r.count());
        assertTrue(r.eof());
        assertArrayEquals(content, r.data());
    }

    @Test
    public void unstableWritesAreCommittedUnderTheSameVerifier() throws Exception {
        byte[] dir = newDir("commit");
        byte[] content = VfsClient.random(13, 10_000);
        byte[] fh = newFile(dir, "f", 0644, new byte[0]);
        Nfs3Client.Write first = nfs.write(fh, 0, Arrays.copyOfRange(content, 0, 5000), Nfs3.UNSTABLE);
        assertEquals(Nfs3.OK, first.status());
        assertEquals(5000, first.count());
        assertTrue("committed " + first.committed(), first.committed() >= Nfs3.UNSTABLE && first.committed() <= Nfs3.FILE_SYNC);
        Nfs3Client.Write second = nfs.write(fh, 5000, Arrays.copyOfRange(content, 5000, 10_000), Nfs3.UNSTABLE);
        assertEquals(5000, second.count());
        assertEquals("one verifier while the server runs", first.verifier(), second.verifier());
        Nfs3Client.Commit commit = nfs.commit(fh, 0, 0);
        assertEquals(Nfs3.OK, commit.status());
        assertEquals(first.verifier(), commit.verifier());
        assertNotNull(commit.wcc().after());
        assertEquals(content.length, commit.wcc().after().size());
        assertArrayEquals(content, nfs.read(fh, 0, 20_000).data());
    }

    @Test
    public void createUncheckedOpensGuardedRefusesAndExclusiveRecognisesItsRetry() throws Exception {
        byte[] dir = newDir("create");
        Nfs3Client.Created made = nfs.create(dir, "u", Nfs3.UNCHECKED, Sattr3.mode(0604));
        assertEquals(Nfs3.OK, made.status());
        assertNotNull(made.fh());
        assertEquals(Fattr3.NF3REG, made.attrs().type());
        assertEquals(0604, made.attrs().mode());
        assertEquals(0, made.attrs().size());
        assertWcc(made.dirWcc());
        assertEquals(Nfs3.OK, nfs.write(made.fh(), 0, new byte[100], Nfs3.FILE_SYNC).status());

        Nfs3Client.Created reopened = nfs.create(dir, "u", Nfs3.UNCHECKED, Sattr3.NONE);
        assertEquals(Nfs3.OK, reopened.status());
        assertArrayEquals(made.fh(), reopened.fh());
        assertEquals("UNCHECKED without a size keeps the data", 100, reopened.attrs().size());
        Nfs3Client.Created truncated = nfs.create(dir, "u", Nfs3.UNCHECKED, Sattr3.size(0));
        assertEquals(Nfs3.OK, truncated.status());
        assertArrayEquals(made.fh(), truncated.fh());
        assertEquals(0, truncated.attrs().size());

        Nfs3Client.Created guarded = nfs.create(dir, "u", Nfs3.GUARDED, Sattr3.mode(0644));
        assertEquals(Nfs3.ERR_EXIST, guarded.status());
        assertNull(guarded.fh());
        assertNotNull("the directory's attributes on failure", guarded.dirWcc().after());

        Nfs3Client.Created exclusive = nfs.createExclusive(dir, "x", 0x1122_3344_5566_7788L);
        assertEquals(Nfs3.OK, exclusive.status());
        assertNotNull(exclusive.fh());
        Nfs3Client.Created retry = nfs.createExclusive(dir, "x", 0x1122_3344_5566_7788L);
        assertEquals("a retry with the same verifier succeeds", Nfs3.OK, retry.status());
        assertArrayEquals(exclusive.fh(), retry.fh());
        assertEquals(Nfs3.ERR_EXIST, nfs.createExclusive(dir, "x", 0x1122_3344_5566_7789L).status());
        assertEquals("EXCLUSIVE over a file made otherwise", Nfs3.ERR_EXIST,
                nfs.createExclusive(dir, "u", 0x1122_3344_5566_7788L).status());
    }

    @Test
    public void mkdirMakesADirectoryAndCountsItInItsParentsLinks() throws Exception {
        byte[] dir = newDir("mkdir");
        Nfs3Client.Created sub = nfs.mkdir(dir, "sub", Sattr3.mode(0750));
        assertEquals(Nfs3.OK, sub.status());
        assertEquals(Fattr3.NF3DIR, sub.attrs().type());
        assertEquals(0750, sub.attrs().mode());
        assertEquals(2, sub.attrs().nlink());
        assertWcc(sub.dirWcc());
        assertEquals(3, sub.dirWcc().after().nlink());
        assertEquals(3, nfs.getattr(dir).attrs().nlink());
        assertArrayEquals(sub.fh(), nfs.lookup(dir, "sub").fh());
    }

    @Test
    public void mknodMakesFifosSocketsAndDevicesAndRefusesOtherTypesWithBadtype() throws Exception {
        byte[] dir = newDir("mknod");
        Nfs3Client.Created fifo = nfs.mknod(dir, "fifo", Fattr3.NF3FIFO, Sattr3.mode(0600));
        assertEquals(Nfs3.OK, fifo.status());
        assertEquals(Fattr3.NF3FIFO, fifo.attrs().type());
        assertEquals(0600, fifo.attrs().mode());
        assertWcc(fifo.dirWcc());
        Nfs3Client.Created socket = nfs.mknod(dir, "sock", Fattr3.NF3SOCK, Sattr3.mode(0660));
        assertEquals(Nfs3.OK, socket.status());
        assertEquals(Fattr3.NF3SOCK, socket.attrs().type());
        Nfs3Client.Created device = nfs.mknodDevice(dir, "null", Fattr3.NF3CHR, Sattr3.mode(0666), 1, 3);
        assertEquals(Nfs3.OK, device.status());
        assertEquals(Fattr3.NF3CHR, device.attrs().type());
        assertEquals(1, device.attrs().rdevMajor());
        assertEquals(3, device.attrs().rdevMinor());

        assertEquals(Nfs3.ERR_BADTYPE, nfs.mknod(dir, "reg", Fattr3.NF3REG, Sattr3.NONE).status());
        assertEquals(Nfs3.ERR_BADTYPE, nfs.mknod(dir, "dir", Fattr3.NF3DIR, Sattr3.NONE).status());
        assertEquals(Nfs3.ERR_BADTYPE, nfs.mknod(dir, "lnk", Fattr3.NF3LNK, Sattr3.NONE).status());
        assertEquals(Nfs3.ERR_NOENT, nfs.lookup(dir, "reg").status());
    }

    @Test
    public void removeDeletesAFileAndASecondRemoveFindsNothing() throws Exception {
        byte[] dir = newDir("remove");
        newFile(dir, "f", 0644, new byte[1]);
        Nfs3Client.WccResult removed = nfs.remove(dir, "f");
        assertEquals(Nfs3.OK, removed.status());
        assertWcc(removed.wcc());
        assertEquals(Nfs3.ERR_NOENT, nfs.lookup(dir, "f").status());
        assertEquals(Nfs3.ERR_NOENT, nfs.remove(dir, "f").status());
    }

    @Test
    public void rmdirRefusesAFullDirectoryAndRemovesAnEmptyOne() throws Exception {
        byte[] dir = newDir("rmdir");
        byte[] sub = nfs.mkdir(dir, "sub", Sattr3.mode(0755)).fh();
        newFile(sub, "inside", 0644, new byte[0]);
        Nfs3Client.WccResult full = nfs.rmdir(dir, "sub");
        assertEquals(Nfs3.ERR_NOTEMPTY, full.status());
        assertNotNull(full.wcc().after());
        assertEquals(Nfs3.OK, nfs.remove(sub, "inside").status());
        Nfs3Client.WccResult removed = nfs.rmdir(dir, "sub");
        assertEquals(Nfs3.OK, removed.status());
        assertWcc(removed.wcc());
        assertEquals(2, removed.wcc().after().nlink());
        assertEquals(Nfs3.ERR_NOENT, nfs.lookup(dir, "sub").status());
    }

    @Test
    public void renameOverAnExistingFileReplacesIt() throws Exception {
        byte[] dir = newDir("rename");
        byte[] a = newFile(dir, "a", 0644, "AAAA".getBytes(StandardCharsets.US_ASCII));
        newFile(dir, "b", 0644, "BB".getBytes(StandardCharsets.US_ASCII));
        long fileIdOfA = nfs.getattr(a).attrs().fileId();
        Nfs3Client.Rename r = nfs.rename(dir, "a", dir, "b");
        assertEquals(Nfs3.OK, r.status());
        assertWcc(r.fromDir());
        assertWcc(r.toDir());
        assertEquals(Nfs3.ERR_NOENT, nfs.lookup(dir, "a").status());
        Nfs3Client.Lookup b = nfs.lookup(dir, "b");
        assertEquals(fileIdOfA, b.attrs().fileId());
        assertArrayEquals("AAAA".getBytes(StandardCharsets.US_ASCII), nfs.read(b.fh(), 0, 100).data());

        byte[] other = nfs.mkdir(dir, "other", Sattr3.mode(0755)).fh();
        assertEquals(Nfs3.OK, nfs.rename(dir, "b", other, "moved").status());
        assertEquals(fileIdOfA, nfs.lookup(other, "moved").attrs().fileId());
        assertEquals(Nfs3.ERR_NOENT, nfs.rename(dir, "b", other, "again").status());
    }

    @Test
    public void linkGivesAFileASecondNameAndTwoLinks() throws Exception {
        byte[] dir = newDir("link");
        byte[] f = newFile(dir, "f", 0644, new byte[5]);
        byte[] other = nfs.mkdir(dir, "other", Sattr3.mode(0755)).fh();
        Nfs3Client.Link l = nfs.link(f, other, "g");
        assertEquals(Nfs3.OK, l.status());
        assertEquals(2, l.attrs().nlink());
        assertWcc(l.dirWcc());
        Nfs3Client.Lookup g = nfs.lookup(other, "g");
        assertArrayEquals(f, g.fh());
        assertEquals(2, nfs.getattr(f).attrs().nlink());
        assertEquals(Nfs3.ERR_EXIST, nfs.link(f, other, "g").status());
        assertEquals(Nfs3.OK, nfs.remove(dir, "f").status());
        assertEquals(1, nfs.getattr(g.fh()).attrs().nlink());
    }

    @Test
    public void readdirPagesThroughThreeHundredEntriesListingEachNameOnce() throws Exception {
        byte[] dir = newDir("readdir");
        Set<String> expected = fill(dir, 300);
        List<Nfs3Client.Readdir> pages = readdirPages(dir, 1024);
        assertTrue("a small count needs many pages, got " + pages.size(), pages.size() >= 10);
        long verifier = pages.get(0).cookieVerifier();
        List<String> names = new ArrayList<>();
        Set<Long> cookies = new HashSet<>();
        for (Nfs3Client.Readdir page : pages) {
            assertEquals(Nfs3.OK, page.status());
            assertEquals("one cookie verifier for the whole listing", verifier, page.cookieVerifier());
            assertNotNull(page.dirAttrs());
            for (Nfs3Client.Entry e : page.entries()) {
                names.add(e.name());
                assertTrue("cookie " + e.cookie() + " of " + e.name() + " repeats", cookies.add(e.cookie()));
                assertNotEquals(0, e.cookie());
                assertNull(e.attrs());
                assertNull(e.fh());
            }
        }
        assertTrue(pages.get(pages.size() - 1).eof());
        assertEquals(302, names.size());
        Set<String> withDots = new HashSet<>(expected);
        withDots.add(".");
        withDots.add("..");
        assertEquals(withDots, new HashSet<>(names));
        Map<String, Long> ids = pages.stream().flatMap(p -> p.entries().stream())
                .collect(Collectors.toMap(Nfs3Client.Entry::name, Nfs3Client.Entry::fileId));
        assertEquals(nfs.getattr(dir).attrs().fileId(), (long) ids.get("."));
        assertEquals(nfs.getattr(memRoot).attrs().fileId(), (long) ids.get(".."));
        assertEquals(nfs.lookup(dir, "f-123").attrs().fileId(), (long) ids.get("f-123"));
    }

    @Test
    public void readdirResumesFromACookieWithItsVerifierAndRefusesAWrongVerifier() throws Exception {
        byte[] dir = newDir("resume");
        fill(dir, 300);
        List<Nfs3Client.Readdir> pages = readdirPages(dir, 1024);
        Nfs3Client.Readdir second = pages.get(1);
        long cookie = second.entries().get(second.entries().size() - 1).cookie();
        Nfs3Client.Readdir resumed = nfs.readdir(dir, cookie, second.cookieVerifier(), 1024);
        assertEquals(Nfs3.OK, resumed.status());
        assertEquals(pages.get(2).entries(), resumed.entries());

        Nfs3Client.Readdir wrong = nfs.readdir(dir, cookie, second.cookieVerifier() ^ 1, 1024);
        assertEquals(Nfs3.ERR_BAD_COOKIE, wrong.status());
        Nfs3Client.Readdir tooSmall = nfs.readdir(dir, 0, 0, 40);
        assertEquals(Nfs3.ERR_TOOSMALL, tooSmall.status());
        byte[] file = nfs.lookup(dir, "f-000").fh();
        assertEquals(Nfs3.ERR_NOTDIR, nfs.readdir(file, 0, 0, 1024).status());
    }

    @Test
    public void readdirAtAnExportRootListsDotDotAsTheRootItself() throws Exception {
        Nfs3Client.Readdir page = nfs.readdir(roRoot, 0, 0, 4096);
        assertEquals(Nfs3.OK, page.status());
        assertTrue(page.eof());
        Map<String, Long> ids = page.entries().stream()
                .collect(Collectors.toMap(Nfs3Client.Entry::name, Nfs3Client.Entry::fileId));
        assertEquals(Set.of(".", "..", "readme.txt"), ids.keySet());
        assertEquals(ids.get("."), ids.get(".."));
    }

    @Test
    public void readdirplusReturnsAttributesAndHandlesThatGetattrAccepts() throws Exception {
        byte[] dir = newDir("readdirplus");
        Set<String> expected = fill(dir, 300);
        List<Nfs3Client.Entry> entries = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        int pages = 0;
        while (true) {
            Nfs3Client.Readdir page = nfs.readdirplus(dir, cookie, verifier, 1024, 8192);
            assertEquals(Nfs3.OK, page.status());
            assertFalse("an empty page before eof", page.entries().isEmpty() && !page.eof());
            entries.addAll(page.entries());
            pages++;
            if (page.eof()) {
                break;
            }
            assertTrue("more pages than entries", pages < 400);
            cookie = page.entries().get(page.entries().size() - 1).cookie();
            verifier = page.cookieVerifier();
        }
        assertTrue("pages " + pages, pages >= 5);
        assertEquals(302, entries.size());
        Set<String> names = new HashSet<>();
        for (Nfs3Client.Entry e : entries) {
            assertTrue("twice: " + e.name(), names.add(e.name()));
            assertNotNull(e.name() + " has attributes", e.attrs());
            assertNotNull(e.name() + " has a handle", e.fh());
            assertEquals(e.fileId(), e.attrs().fileId());
            Nfs3Client.Getattr g = nfs.getattr(e.fh());
            assertEquals(Nfs3.OK, g.status());
            assertEquals(e.name(), e.fileId(), g.attrs().fileId());
            if (!e.name().startsWith(".")) {
                assertEquals(Fattr3.NF3REG, e.attrs().type());
                assertArrayEquals(nfs.lookup(dir, e.name()).fh(), e.fh());
            }
        }
        expected.add(".");
        expected.add("..");
        assertEquals(expected, names);
        Nfs3Client.Entry dotdot = entries.stream().filter(e -> e.name().equals("..")).findFirst().orElseThrow();
        assertArrayEquals(memRoot, dotdot.fh());
    }

    @Test
    public void fsstatFsinfoAndPathconfDescribeTheExport() throws Exception {
        Nfs3Client.Fsstat stat = nfs.fsstat(memRoot);
        assertEquals(Nfs3.OK, stat.status());
        assertEquals(64L * MIB, stat.totalBytes());
        assertTrue(stat.freeBytes() > 0 && stat.freeBytes() <= stat.totalBytes());
        assertTrue(stat.availableBytes() <= stat.freeBytes());
        assertTrue(stat.freeFiles() > 0 && stat.freeFiles() <= stat.totalFiles());
        assertEquals(0, stat.invarsec());
        assertEquals(Fattr3.NF3DIR, stat.attrs().type());

        Nfs3Client.Fsinfo info = nfs.fsinfo(memRoot);
        assertEquals(Nfs3.OK, info.status());
        assertTrue("rtmax " + info.rtmax(), info.rtmax() >= MIB);
        assertTrue("wtmax " + info.wtmax(), info.wtmax() >= MIB);
        assertTrue(info.rtpref() > 0 && info.rtpref() <= info.rtmax());
        assertTrue(info.wtpref() > 0 && info.wtpref() <= info.wtmax());
        assertTrue(info.dtpref() > 0);
        assertTrue(info.maxFileSize() > 0);
        assertEquals(new NfsTime(0, 1), info.timeDelta());
        int properties = Nfs3.FSF3_LINK | Nfs3.FSF3_SYMLINK | Nfs3.FSF3_HOMOGENEOUS | Nfs3.FSF3_CANSETTIME;
        assertEquals(properties, info.properties());

        Nfs3Client.Pathconf pc = nfs.pathconf(memRoot);
        assertEquals(Nfs3.OK, pc.status());
        assertTrue(pc.linkMax() > 1);
        assertEquals(255, pc.nameMax());
        assertTrue(pc.noTrunc());
        assertTrue(pc.chownRestricted());
        assertFalse(pc.caseInsensitive());
        assertTrue(pc.casePreserving());
        assertNotNull(pc.attrs());
    }

    // ---- MOUNT ----

    @Test
    public void mntAnswersTheExportRootWithAuthSysAndDumpListsItUntilUmnt() throws Exception {
        MountClient.Mnt m = mount.mnt("/mem/sq/");
        assertEquals(MountClient.MNT3_OK, m.status());
        assertArrayEquals("the same handle for /mem/sq/ and /mem/sq", sqRoot, m.fh());
        assertArrayEquals(new int[] {Auth.AUTH_SYS}, m.flavors());
        assertTrue(mount.dump().contains(new MountClient.Mounted("127.0.0.1", "/mem/sq")));
        mount.umnt("/mem/sq");
        assertFalse(mount.dump().contains(new MountClient.Mounted("127.0.0.1", "/mem/sq")));
        mount.mnt("/mem/sq");
        mount.umntAll();
        assertFalse(mount.dump().stream().anyMatch(e -> e.host().equals("127.0.0.1")));
    }

    @Test
    public void exportListsEveryExportWithItsClients() throws Exception {
        Map<String, List<String>> exports = mount.export().stream()
                .collect(Collectors.toMap(MountClient.Exported::path, MountClient.Exported::groups));
        List<String> loopback = List.of("127.0.0.0/8", "::1/128");
        assertEquals(loopback, exports.get("/mem"));
        assertEquals(loopback, exports.get("/mem/ro"));
        assertEquals(loopback, exports.get("/mem/sq"));
    }

    @Test
    public void mntRefusesUnexportedPathsAndReportsMissingOnes() throws Exception {
        assertEquals(MountClient.MNT3ERR_ACCES, mount.mnt("/elsewhere").status());
        assertEquals(MountClient.MNT3ERR_ACCES, mount.mnt("mem").status());
        assertEquals(MountClient.MNT3ERR_ACCES, mount.mnt("/mem/../mem").status());
        assertEquals(MountClient.MNT3ERR_NOENT, mount.mnt("/mem/no-such-folder").status());
        assertEquals(MountClient.MNT3ERR_NOTDIR, mount.mnt("/mem/ro/readme.txt").status());
    }

    @Test
    public void mntIsOnlyServedInVersionThree() throws Exception {
        RpcReply v1 = mountConnection.call(MountClient.PROGRAM, 1, MountClient.MNT, Auth.root(),
                new XdrWriter().writeString("/mem").toByteArray());
        assertEquals(RpcReply.PROC_UNAVAIL, v1.acceptStat());
        RpcReply v4 = mountConnection.call(MountClient.PROGRAM, 4, MountClient.MNT, Auth.root(),
                new XdrWriter().writeString("/mem").toByteArray());
        assertEquals(RpcReply.PROG_MISMATCH, v4.acceptStat());
        assertEquals(1, v4.low());
        assertEquals(3, v4.high());
        RpcReply exportV1 = mountConnection.call(MountClient.PROGRAM, 1, MountClient.EXPORT, Auth.root(), new byte[0]);
        assertEquals(RpcReply.SUCCESS, exportV1.acceptStat());
    }

    // ---- error paths ----

    @Test
    public void lookupOfAMissingNameIsNoentWithTheDirectorysAttributes() throws Exception {
        byte[] dir = newDir("noent");
        Nfs3Client.Lookup missing = nfs.lookup(dir, "missing");
        assertEquals(Nfs3.ERR_NOENT, missing.status());
        assertNull(missing.fh());
        assertNotNull(missing.dirAttrs());
        assertEquals(nfs.getattr(dir).attrs().fileId(), missing.dirAttrs().fileId());
    }

    @Test
    public void mkdirOfAnExistingNameIsExist() throws Exception {
        byte[] dir = newDir("exist");
        assertEquals(Nfs3.OK, nfs.mkdir(dir, "d", Sattr3.mode(0755)).status());
        Nfs3Client.Created again = nfs.mkdir(dir, "d", Sattr3.mode(0755));
        assertEquals(Nfs3.ERR_EXIST, again.status());
        assertNotNull(again.dirWcc().after());
        newFile(dir, "f", 0644, new byte[0]);
        assertEquals(Nfs3.ERR_EXIST, nfs.mkdir(dir, "f", Sattr3.mode(0755)).status());
    }

    @Test
    public void directoryOperationsOnAFileAreNotdir() throws Exception {
        byte[] dir = newDir("notdir");
        byte[] file = newFile(dir, "f", 0644, new byte[0]);
        assertEquals(Nfs3.ERR_NOTDIR, nfs.lookup(file, "x").status());
        assertEquals(Nfs3.ERR_NOTDIR, nfs.mkdir(file, "x", Sattr3.mode(0755)).status());
        assertEquals(Nfs3.ERR_NOTDIR, nfs.create(file, "x", Nfs3.GUARDED, Sattr3.mode(0644)).status());
        assertEquals(Nfs3.ERR_NOTDIR, nfs.rmdir(dir, "f").status());
    }

    @Test
    public void everyChangeOnTheReadOnlyExportIsRofsWhileReadsWork() throws Exception {
        byte[] readme = nfs.lookup(roRoot, "readme.txt").fh();
        assertArrayEquals(README, nfs.read(readme, 0, 100).data());
        Nfs3Client.Write write = nfs.write(readme, 0, new byte[] {1}, Nfs3.FILE_SYNC);
        assertEquals(Nfs3.ERR_ROFS, write.status());
        assertNotNull(write.wcc().after());
        assertEquals(Nfs3.ERR_ROFS, nfs.create(roRoot, "new", Nfs3.UNCHECKED, Sattr3.mode(0644)).status());
        assertEquals(Nfs3.ERR_ROFS, nfs.createExclusive(roRoot, "new", 1).status());
        assertEquals(Nfs3.ERR_ROFS, nfs.setattr(readme, Sattr3.mode(0600), null).status());
        assertEquals(Nfs3.ERR_ROFS, nfs.remove(roRoot, "readme.txt").status());
        assertEquals(Nfs3.ERR_ROFS, nfs.mkdir(roRoot, "d", Sattr3.mode(0755)).status());
        assertEquals(Nfs3.ERR_ROFS, nfs.symlink(roRoot, "l", Sattr3.NONE, "readme.txt").status());
        assertEquals(Nfs3.ERR_ROFS, nfs.rename(roRoot, "readme.txt", roRoot, "moved").status());
        assertEquals(Nfs3.ERR_ROFS, nfs.link(readme, roRoot, "again").status());
        assertEquals(Nfs3.ERR_NOENT, nfs.lookup(roRoot, "new").status());
        assertEquals(0644, nfs.getattr(readme).attrs().mode());
        assertArrayEquals(README, nfs.read(readme, 0, 100).data());
    }

    @Test
    public void rootIsSquashedToTheAnonymousIdentityOnARootSquashExport() throws Exception {
        Nfs3Client.Created byRoot = nfs.create(sqRoot, "by-root", Nfs3.GUARDED, Sattr3.mode(0644));
        assertEquals(Nfs3.OK, byRoot.status());
        assertEquals(ANON, byRoot.attrs().uid());
        assertEquals(ANON, byRoot.attrs().gid());
        Nfs3Client.Created byUser = nfs.as(Auth.sys(1000, 1000)).create(sqRoot, "by-user", Nfs3.GUARDED, Sattr3.mode(0644));
        assertEquals(Nfs3.OK, byUser.status());
        assertEquals(1000, byUser.attrs().uid());
        assertEquals(1000, byUser.attrs().gid());
        byte[] dir = newDir("no-squash");
        Nfs3Client.Created unsquashed = nfs.create(dir, "by-root", Nfs3.GUARDED, Sattr3.mode(0644));
        assertEquals(0, unsquashed.attrs().uid());
        assertEquals(0, unsquashed.attrs().gid());
    }

    @Test
    public void authNoneCallsRunAsTheAnonymousIdentity() throws Exception {
        byte[] dir = newDir("auth-none");
        Nfs3Client anonymous = nfs.as(Auth.NONE);
        assertEquals(Nfs3.OK, anonymous.getattr(dir).status());
        Nfs3Client.Created made = anonymous.create(dir, "anon", Nfs3.GUARDED, Sattr3.mode(0644));
        assertEquals(Nfs3.OK, made.status());
        assertEquals(ANON, made.attrs().uid());
        assertEquals(ANON, made.attrs().gid());
    }

    @Test
    public void aNonOwnerMayNeitherWriteNorChmodA0644File() throws Exception {
        byte[] dir = newDir("acces");
        byte[] fh = newFile(dir, "roots", 0644, "root's".getBytes(StandardCharsets.US_ASCII));
        Nfs3Client user = nfs.as(Auth.sys(1000, 1000));
        Nfs3Client.Write w = user.write(fh, 0, new byte[] {'X'}, Nfs3.FILE_SYNC);
        assertEquals(Nfs3.ERR_ACCES, w.status());
        assertNotNull(w.wcc().after());
        assertEquals(Nfs3.ERR_PERM, user.setattr(fh, Sattr3.mode(0666), null).status());
        assertArrayEquals("reading is allowed", "root's".getBytes(StandardCharsets.US_ASCII), user.read(fh, 0, 100).data());
        assertEquals(0644, nfs.getattr(fh).attrs().mode());
        byte[] locked = nfs.mkdir(dir, "locked", Sattr3.mode(0755)).fh();
        assertEquals(Nfs3.ERR_ACCES, user.create(locked, "x", Nfs3.GUARDED, Sattr3.mode(0644)).status());
    }

    @Test
    public void renameAndLinkAcrossExportsAreXdevEvenOnOneMount() throws Exception {
        byte[] dir = newDir("xdev");
        byte[] f = newFile(dir, "f", 0644, new byte[0]);
        Nfs3Client.Rename rename = nfs.rename(dir, "f", sqRoot, "f");
        assertEquals(Nfs3.ERR_XDEV, rename.status());
        assertEquals(Nfs3.ERR_XDEV, nfs.link(f, sqRoot, "g").status());
        assertEquals(Nfs3.ERR_NOENT, nfs.lookup(sqRoot, "f").status());
        assertArrayEquals(f, nfs.lookup(dir, "f").fh());
    }

    @Test
    public void lookupInADirectoryTheCallerMayNotSearchIsAcces() throws Exception {
        byte[] dir = newDir("no-search");
        byte[] closed = nfs.mkdir(dir, "closed", Sattr3.mode(0700)).fh();
        newFile(closed, "f", 0644, new byte[0]);
        Nfs3Client.Lookup denied = nfs.as(Auth.sys(1000, 1000)).lookup(closed, "f");
        assertEquals(Nfs3.ERR_ACCES, denied.status());
        assertNotNull(denied.dirAttrs());
        assertEquals(Nfs3.ERR_ACCES, nfs.as(Auth.sys(1000, 1000)).readdir(closed, 0, 0, 4096).status());
        assertEquals(Nfs3.OK, nfs.lookup(closed, "f").status());
    }

    @Test
    public void aForgedOrMalformedHandleIsBadhandle() throws Exception {
        byte[] dir = newDir("forged");
        byte[] fh = newFile(dir, "f", 0644, new byte[0]);
        for (int i : new int[] {0, 2, fh.length / 2, fh.length - 1}) {
            byte[] forged = fh.clone();
            forged[i] ^= 0x01;
            assertEquals("byte " + i + " flipped", Nfs3.ERR_BADHANDLE, nfs.getattr(forged).status());
        }
        byte[] forged = fh.clone();
        forged[fh.length / 2] ^= 0x40;
        Nfs3Client.Lookup lookup = nfs.lookup(forged, "x");
        assertEquals(Nfs3.ERR_BADHANDLE, lookup.status());
        assertNull(lookup.dirAttrs());
        assertEquals(Nfs3.ERR_BADHANDLE, nfs.getattr(Arrays.copyOf(fh, 4)).status());
        assertEquals(Nfs3.ERR_BADHANDLE, nfs.getattr(new byte[0]).status());
        assertEquals("the real handle still works", Nfs3.OK, nfs.getattr(fh).status());
    }

    @Test
    public void aHandleLongerThanSixtyFourBytesIsGarbageArgs() throws Exception {
        RpcReply reply = nfs.call(Nfs3.GETATTR, new XdrWriter().writeOpaque(new byte[65]).toByteArray());
        assertEquals(RpcReply.MSG_ACCEPTED, reply.replyStat());
        assertEquals(RpcReply.GARBAGE_ARGS, reply.acceptStat());
    }

    @Test
    public void theHandleOfARemovedSymlinkOrDirectoryIsStale() throws Exception {
        byte[] dir = newDir("stale-names");
        byte[] link = nfs.symlink(dir, "ln", Sattr3.NONE, "target").fh();
        byte[] sub = nfs.mkdir(dir, "sub", Sattr3.mode(0755)).fh();
        assertEquals(Nfs3.OK, nfs.remove(dir, "ln").status());
        assertEquals(Nfs3.OK, nfs.rmdir(dir, "sub").status());
        assertEquals(Nfs3.ERR_STALE, nfs.getattr(link).status());
        assertEquals(Nfs3.ERR_STALE, nfs.readlink(link).status());
        assertEquals(Nfs3.ERR_STALE, nfs.getattr(sub).status());
        assertEquals(Nfs3.ERR_STALE, nfs.lookup(sub, "x").status());
    }

    @Test
    public void theHandleOfARemovedFileIsStaleThoughTheServerHadItOpen() throws Exception {
        byte[] dir = newDir("stale-file");
        byte[] fh = newFile(dir, "f", 0644, new byte[] {1, 2, 3});
        assertEquals(Nfs3.OK, nfs.remove(dir, "f").status());
        Nfs3Client.Getattr after = nfs.getattr(fh);
        assertEquals("GETATTR after REMOVE answered " + after.attrs(), Nfs3.ERR_STALE, after.status());
        assertEquals(Nfs3.ERR_STALE, nfs.read(fh, 0, 10).status());
        assertEquals(Nfs3.ERR_STALE, nfs.write(fh, 0, new byte[] {9}, Nfs3.FILE_SYNC).status());
    }

    @Test
    public void theHandleOfAFileReplacedByRenameIsStale() throws Exception {
        byte[] dir = newDir("stale-rename");
        newFile(dir, "a", 0644, new byte[] {1});
        byte[] replaced = newFile(dir, "b", 0644, new byte[] {2});
        assertEquals(Nfs3.OK, nfs.rename(dir, "a", dir, "b").status());
        Nfs3Client.Getattr after = nfs.getattr(replaced);
        assertEquals("GETATTR of the replaced file answered " + after.attrs(), Nfs3.ERR_STALE, after.status());
    }

    @Test
    public void aHandleOfAnExportRemovedFromTheConfigurationIsStale() throws Exception {
        byte[] gone = mount.root("/mem/gone");
        Nfs3Client.Created file = nfs.create(gone, "f", Nfs3.UNCHECKED, Sattr3.mode(0644));
        assertEquals(Nfs3.OK, file.status());
        long generation = config.generation();
        Path json = config.home().resolve("etc/manticore.json");
        Files.writeString(json, CONFIG.replace(GONE_EXPORT, ""));
        Files.setLastModifiedTime(json, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        Await.until("the configuration without /mem/gone applied", 20_000, () -> config.generation() > generation);
        assertFalse(mount.export().stream().anyMatch(e -> e.path().equals("/mem/gone")));
        assertEquals(Nfs3.ERR_STALE, nfs.getattr(gone).status());
        assertEquals(Nfs3.ERR_STALE, nfs.getattr(file.fh()).status());
        Nfs3Client.Lookup lookup = nfs.lookup(gone, "f");
        assertEquals(Nfs3.ERR_STALE, lookup.status());
        assertNull(lookup.dirAttrs());
        assertEquals("other exports are untouched", Nfs3.OK, nfs.getattr(memRoot).status());
    }

    // ---- the RPC layer ----

    @Test
    public void anUnknownProgramIsProgUnavail() throws Exception {
        RpcReply reply = nfsConnection.call(200_999, 1, 0, Auth.root(), new byte[0]);
        assertEquals(RpcReply.MSG_ACCEPTED, reply.replyStat());
        assertEquals(RpcReply.PROG_UNAVAIL, reply.acceptStat());
        assertEquals(0, reply.results().length);
        RpcReply mountOnNfsPort = nfsConnection.call(MountClient.PROGRAM, 3, 0, Auth.root(), new byte[0]);
        assertEquals(RpcReply.PROG_UNAVAIL, mountOnNfsPort.acceptStat());
        RpcReply nfsOnMountPort = mountConnection.call(Nfs3.PROGRAM, Nfs3.VERSION, 0, Auth.root(), new byte[0]);
        assertEquals(RpcReply.PROG_UNAVAIL, nfsOnMountPort.acceptStat());
    }

    @Test
    public void nfsVersionsTwoAndFourAreProgMismatchNamingVersionThree() throws Exception {
        for (int version : new int[] {2, 4}) {
            RpcReply reply = nfsConnection.call(Nfs3.PROGRAM, version, Nfs3.GETATTR, Auth.root(),
                    new XdrWriter().writeOpaque(memRoot).toByteArray());
            assertEquals(RpcReply.MSG_ACCEPTED, reply.replyStat());
            assertEquals("version " + version, RpcReply.PROG_MISMATCH, reply.acceptStat());
            assertEquals(3, reply.low());
            assertEquals(3, reply.high());
        }
    }

    @Test
    public void procedureTwentyTwoIsProcUnavail() throws Exception {
        RpcReply reply = nfs.call(22, new XdrWriter().writeOpaque(memRoot).toByteArray());
        assertEquals(RpcReply.MSG_ACCEPTED, reply.replyStat());
        assertEquals(RpcReply.PROC_UNAVAIL, reply.acceptStat());
    }

    @Test
    public void truncatedArgumentsAreGarbageArgsAndTheConnectionServesOn() throws Exception {
        byte[] whole = new XdrWriter().writeOpaque(memRoot).toByteArray();
        RpcReply cut = nfs.call(Nfs3.GETATTR, Arrays.copyOf(whole, whole.length - 6));
        assertEquals(RpcReply.GARBAGE_ARGS, cut.acceptStat());
        assertEquals(RpcReply.GARBAGE_ARGS, nfs.call(Nfs3.GETATTR, new byte[0]).acceptStat());
        assertEquals(RpcReply.GARBAGE_ARGS, nfs.call(Nfs3.LOOKUP, whole).acceptStat());
        assertEquals(Nfs3.OK, nfs.getattr(memRoot).status());
    }

    @Test
    public void credentialsThisServerCannotVerifyAreAuthErrors() throws Exception {
        RpcReply dh = nfsConnection.call(Nfs3.PROGRAM, Nfs3.VERSION, Nfs3.GETATTR, new Auth(Auth.AUTH_DH, new byte[24]),
                new XdrWriter().writeOpaque(memRoot).toByteArray());
        assertEquals(RpcReply.MSG_DENIED, dh.replyStat());
        assertEquals(RpcReply.AUTH_ERROR, dh.rejectStat());
        assertEquals(RpcReply.AUTH_REJECTEDCRED, dh.authStat());

        int[] seventeen = new int[17];
        RpcReply tooManyGroups = nfsConnection.call(Nfs3.PROGRAM, Nfs3.VERSION, Nfs3.GETATTR, Auth.sys(0, 0, seventeen),
                new XdrWriter().writeOpaque(memRoot).toByteArray());
        assertEquals(RpcReply.MSG_DENIED, tooManyGroups.replyStat());
        assertEquals(RpcReply.AUTH_ERROR, tooManyGroups.rejectStat());
        assertEquals(RpcReply.AUTH_BADCRED, tooManyGroups.authStat());
        assertEquals(Nfs3.OK, nfs.as(Auth.sys(0, 0, new int[16])).getattr(memRoot).status());
    }

    @Test
    public void anRpcVersionOtherThanTwoIsRpcMismatch() throws Exception {
        byte[] message = RpcClient.callMessage(77, Nfs3.PROGRAM, Nfs3.VERSION, Nfs3.NULL, Auth.NONE, new byte[0]);
        message[11] = 3; // rpcvers, the third word
        nfsConnection.sendRecord(message);
        RpcReply reply = nfsConnection.expectReply(77);
        assertEquals(RpcReply.MSG_DENIED, reply.replyStat());
        assertEquals(RpcReply.RPC_MISMATCH, reply.rejectStat());
        assertEquals(2, reply.low());
        assertEquals(2, reply.high());
    }

    @Test
    public void aCallSplitIntoFragmentsIsReassembled() throws Exception {
        int xid = nfsConnection.nextXid();
        byte[] message = RpcClient.callMessage(xid, Nfs3.PROGRAM, Nfs3.VERSION, Nfs3.GETATTR, Auth.root(),
                new XdrWriter().writeOpaque(memRoot).toByteArray());
        nfsConnection.sendRecordInFragments(message, 7);
        RpcReply reply = nfsConnection.expectReply(xid);
        assertEquals(Nfs3.OK, reply.success().readInt());
    }

    @Test
    public void pipelinedCallsBeyondTheInFlightBoundAreAllAnsweredEachUnderItsXid() throws Exception {
        byte[] dir = newDir("pipeline");
        byte[] content = VfsClient.random(14, 300 * 512);
        byte[] fh = newFile(dir, "f", 0644, content);
        Map<Integer, Integer> offsetByXid = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            int xid = nfsConnection.nextXid();
            offsetByXid.put(xid, i * 512);
            byte[] args = Nfs3Client.readArgs(fh, i * 512L, 512);
            nfsConnection.sendRecord(RpcClient.callMessage(xid, Nfs3.PROGRAM, Nfs3.VERSION, Nfs3.READ, Auth.root(), args));
        }
        for (int i = 0; i < 300; i++) {
            RpcReply reply = RpcReply.parse(nfsConnection.readRecord());
            Integer offset = offsetByXid.remove(reply.xid());
            assertNotNull("a reply to an xid not called or answered twice: " + reply, offset);
            Nfs3Client.Read read = Nfs3Client.Read.read(reply.success());
            assertEquals(Nfs3.OK, read.status());
            assertEquals(512, read.count());
            assertEquals(offset + 512 == content.length, read.eof());
            assertArrayEquals("READ at " + offset, Arrays.copyOfRange(content, offset, offset + 512), read.data());
        }
        assertTrue(offsetByXid.isEmpty());
    }

    @Test
    public void aRecordLargerThanTheLimitClosesTheConnection() throws Exception {
        try (RpcClient c = new RpcClient(boundPort("nfs3"))) {
            c.sendRaw(mark(true, MAX_RECORD + 1));
            assertTrue("closed after a record mark over the limit", c.closedByPeerWithin(5_000));
        }
        try (RpcClient c = new RpcClient(boundPort("nfs3"))) {
            int first = 700 * 1024;
            XdrWriter w = new XdrWriter().writeRaw(mark(false, first)).writeRaw(new byte[first]);
            w.writeRaw(mark(true, MAX_RECORD - first + 1));
            c.sendRaw(w.toByteArray());
            assertTrue("closed when the fragments add up past the limit", c.closedByPeerWithin(5_000));
        }
        try (RpcClient c = new RpcClient(boundPort("nfs3"))) {
            c.sendRaw(mark(true, MAX_RECORD));
            assertFalse("a record mark at the limit is accepted", c.closedByPeerWithin(300));
        }
        assertEquals(Nfs3.OK, nfs.getattr(memRoot).status());
    }

    @Test
    public void aTruncatedRecordThenCloseLeavesTheServerServing() throws Exception {
        int before = connections("nfs3");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", boundPort("nfs3")));
            byte[] message = RpcClient.callMessage(1, Nfs3.PROGRAM, Nfs3.VERSION, Nfs3.GETATTR, Auth.root(),
                    new XdrWriter().writeOpaque(memRoot).toByteArray());
            s.getOutputStream().write(new XdrWriter().writeRaw(mark(true, message.length))
                    .writeRaw(Arrays.copyOf(message, message.length / 2)).toByteArray());
            s.getOutputStream().flush();
        }
        Await.until("the dropped connection forgotten", 10_000, () -> connections("nfs3") <= before);
        assertEquals(Nfs3.OK, nfs.getattr(memRoot).status());
    }

    @Test
    public void aThousandConnectionsDroppedMidRecordLeaveTheServerServing() throws Exception {
        int before = connections("nfs3");
        int port = boundPort("nfs3");
        byte[] partial = new XdrWriter().writeRaw(mark(true, 200)).writeRaw(new byte[60]).toByteArray();
        for (int batch = 0; batch < 10; batch++) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    Socket s = new Socket();
                    open.add(s);
                    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                    s.getOutputStream().write(partial);
                }
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
        Await.until("the 1,000 dropped connections forgotten", 30_000, () -> connections("nfs3") <= before);
        try (RpcClient fresh = new RpcClient(port)) {
            assertEquals(Nfs3.OK, new Nfs3Client(fresh, Auth.root()).getattr(memRoot).status());
        }
    }

    @Test
    public void aRetransmittedCreateOrRemoveIsAnsweredFromTheReplyCacheNotRunTwice() throws Exception {
        byte[] dir = newDir("retransmit");
        RpcReply first = nfs.call(Nfs3.CREATE, Nfs3Client.createArgs(dir, "once", Nfs3.GUARDED, Sattr3.mode(0644)));
        Nfs3Client.Created created = Nfs3Client.Created.read(first.success());
        assertEquals(Nfs3.OK, created.status());
        RpcReply again = nfsConnection.retransmitLast();
        assertArrayEquals("the retransmission gets the first reply", first.results(), again.results());
        try (RpcClient other = new RpcClient(boundPort("nfs3"))) {
            byte[] sameCall = nfsConnection.lastCall();
            other.sendRecord(sameCall);
            RpcReply onNewConnection = other.expectReply(first.xid());
            assertArrayEquals("a client retransmits on a new connection", first.results(), onNewConnection.results());
        }
        assertEquals("a new xid runs again", Nfs3.ERR_EXIST,
                nfs.create(dir, "once", Nfs3.GUARDED, Sattr3.mode(0644)).status());

        RpcReply removed = nfs.call(Nfs3.REMOVE, new XdrWriter().writeOpaque(dir).writeString("once").toByteArray());
        assertEquals(Nfs3.OK, removed.success().readInt());
        RpcReply removedAgain = nfsConnection.retransmitLast();
        assertArrayEquals(removed.results(), removedAgain.results());
        assertEquals(Nfs3.ERR_NOENT, nfs.lookup(dir, "once").status());
    }

    // ---- helpers ----

    /** The folders the exports name, made in-process once per server with mode 0777. */
    private void prepareExportedFolders() {
        FileHandle root = vfs.root("mem");
        for (String name : new String[] {"ro", "sq", "gone"}) {
            FileHandle dir = ensureDir(root, name);
            if (name.equals("ro") && lookupOrNull(dir, "readme.txt") == null) {
                VfsClient.create(vfs, dir, "readme.txt", README);
            }
        }
    }

    private FileHandle ensureDir(FileHandle parent, String name) {
        FileHandle existing = lookupOrNull(parent, name);
        if (existing != null) {
            return existing;
        }
        FileHandle made = vfs.mkdir(Cred.ROOT, parent, name, SetAttrs.mode(0777)).toCompletableFuture().join().fh();
        // The mode is set explicitly as well, in case the backend applies a umask at creation.
        vfs.setattr(Cred.ROOT, made, SetAttrs.mode(0777), Guard.NONE).toCompletableFuture().join();
        return made;
    }

    private FileHandle lookupOrNull(FileHandle dir, String name) {
        try {
            return vfs.lookup(Cred.ROOT, dir, name, AttrMask.ALL).toCompletableFuture().join().fh();
        } catch (CompletionException e) {
            if (e.getCause() instanceof VfsException v && v.error() == VfsError.NOENT) {
                return null;
            }
            throw e;
        }
    }

    /** A new directory, mode 0777, under the /mem export, named for the test. */
    private byte[] newDir(String name) throws IOException {
        Nfs3Client.Created made = nfs.mkdir(memRoot, name, Sattr3.mode(0777));
        assertEquals("MKDIR " + name, Nfs3.OK, made.status());
        return made.fh();
    }

    /** A new file made by root through CREATE GUARDED and written with FILE_SYNC. */
    private byte[] newFile(byte[] dir, String name, int mode, byte[] content) throws IOException {
        Nfs3Client.Created made = nfs.create(dir, name, Nfs3.GUARDED, Sattr3.mode(mode));
        assertEquals("CREATE " + name, Nfs3.OK, made.status());
        if (content.length > 0) {
            Nfs3Client.Write w = nfs.write(made.fh(), 0, content, Nfs3.FILE_SYNC);
            assertEquals(Nfs3.OK, w.status());
            assertEquals(content.length, w.count());
        }
        return made.fh();
    }

    /** Files f-000 … f-(n-1) in {@code dir}; answers their names. */
    private Set<String> fill(byte[] dir, int n) throws IOException {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("f-%03d", i);
            assertEquals(Nfs3.OK, nfs.create(dir, name, Nfs3.GUARDED, Sattr3.mode(0644)).status());
            names.add(name);
        }
        return names;
    }

    private List<Nfs3Client.Readdir> readdirPages(byte[] dir, int count) throws IOException {
        List<Nfs3Client.Readdir> pages = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        while (true) {
            Nfs3Client.Readdir page = nfs.readdir(dir, cookie, verifier, count);
            assertEquals(Nfs3.OK, page.status());
            pages.add(page);
            if (page.eof()) {
                return pages;
            }
            assertFalse("an empty page before eof", page.entries().isEmpty());
            assertTrue("more pages than entries", pages.size() < 400);
            cookie = page.entries().get(page.entries().size() - 1).cookie();
            verifier = page.cookieVerifier();
        }
    }

    private static void assertWcc(Wcc3 wcc) {
        assertNotNull("pre-operation attributes", wcc.before());
        assertNotNull("post-operation attributes", wcc.after());
    }

    private static byte[] mark(boolean last, int length) {
        return new XdrWriter().writeInt((last ? RpcClient.LAST_FRAGMENT : 0) | length).toByteArray();
    }

    private int boundPort(String protocol) {
        return listeners.listeners().stream()
                .filter(l -> l.protocol().equals(protocol) && l.state().equals("BOUND"))
                .mapToInt(ListenerInfo::boundPort).findFirst().orElse(-1);
    }

    private int connections(String protocol) {
        return listeners.listeners().stream().filter(l -> l.protocol().equals(protocol))
                .mapToInt(ListenerInfo::connections).findFirst().orElse(-1);
    }

    private String mountState(String name) {
        return mounts.mounts().stream().filter(m -> m.name().equals(name)).map(MountInfo::state).findFirst().orElse(null);
    }
}
