package io.manticore.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;

/**
 * The NFSv3 and MOUNT protocols of the assembled server driven by a real client, libnfs-utils
 * 4.0 (nfs-cp, nfs-cat, nfs-ls), over loopback with the ports named in the URLs. Data is
 * compared byte for byte, both ways between NFS and the in-process VFS; listings are compared
 * name for name.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Nfs3LibnfsIT {

    private static final int MIB = 1024 * 1024;
    private static final long SMALL_RUN_MS = 20_000;
    private static final long BIG_RUN_MS = 60_000;
    private static final int MANY = 10_000;
    private static final String[] MOUNTS = { "mem", "many", "tree" };

    @Inject
    private ListenerAdmin listeners;
    @Inject
    private MountAdmin mounts;
    @Inject
    private Vfs vfs;

    private LeakLog leaks;
    private Path scratch;
    private LibNfs nfs;

    @Configuration
    public Option[] config() {
        // One export per mount: nfs-ls mounts the whole path of its URL, so each listed
        // directory is an export's root.
        return Assembly.server(Assembly.newHome("nfs3-libnfs", """
                {
                  "listeners": [
                    { "protocol": "nfs3", "transport": "tcp", "address": "127.0.0.1", "port": 0 },
                    { "protocol": "mount", "transport": "tcp", "address": "127.0.0.1", "port": 0 }
                  ],
                  "mounts": {
                    "mem": { "module": "memfs", "options": { "size": "256m" } },
                    "many": { "module": "memfs", "options": { "size": "64m" } },
                    "tree": { "module": "memfs", "options": { "size": "16m" } }
                  },
                  "exports": {
                    "/mem": { "access": "rw", "squash": "none", "clients": ["127.0.0.0/8"] },
                    "/many": { "access": "rw", "squash": "none", "clients": ["127.0.0.0/8"] },
                    "/tree": { "access": "rw", "squash": "none", "clients": ["127.0.0.0/8"] }
                  },
                  "shell": { "ssh": false }
                }
                """));
    }

    @Before
    public void connect() throws Exception {
        leaks = LeakLog.attach();
        LibNfs.requireInstalled();
        try {
            Await.until("the nfs3 and mount listeners BOUND", 30_000, () -> boundPort("nfs3") > 0 && boundPort("mount") > 0);
        } catch (AssertionError e) {
            // No cause: Pax Exam reports a failure's root cause, which would drop the listeners.
            throw new AssertionError(e.getMessage() + "; listeners: " + listeners.listeners());
        }
        for (String mount : MOUNTS) {
            Await.until("mount " + mount + " ACTIVE", 20_000, () -> "ACTIVE".equals(mountState(mount)));
        }
        scratch = Scratch.create("nfs3-libnfs-client");
        nfs = new LibNfs(scratch, boundPort("nfs3"), boundPort("mount"));
    }

    @After
    public void cleanUp() throws Exception {
        Scratch.delete(scratch);
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    @Test
    public void anEmptyFileCopiedToNfsComesBackEmpty() throws Exception {
        roundTrip("empty.bin", 0, SMALL_RUN_MS);
    }

    @Test
    public void aOneByteFileCopiedToNfsComesBackByteIdentical() throws Exception {
        roundTrip("one.bin", 1, SMALL_RUN_MS);
    }

    @Test
    public void aFileOfOneMebibytePlusOneCopiedToNfsComesBackByteIdentical() throws Exception {
        roundTrip("mib-plus-one.bin", MIB + 1, SMALL_RUN_MS);
    }

    @Test
    public void aFileOfSixtyFourMebibytesCopiedToNfsComesBackByteIdentical() throws Exception {
        roundTrip("sixty-four-mib.bin", 64 * MIB, BIG_RUN_MS);
    }

    @Test
    public void aFileWrittenThroughTheVfsIsReadOverNfsByteIdentical() throws Exception {
        byte[] content = VfsClient.random(41, 3 * MIB + 123);
        VfsClient.create(vfs, vfs.root("mem"), "from-vfs.bin", content);
        Path original = scratch.resolve("from-vfs.original");
        Files.write(original, content);
        String url = nfs.url("/mem", "from-vfs.bin");

        ClientRun cat = nfs.cat(url, SMALL_RUN_MS).ok();
        assertSameContent("nfs-cat of a file written through the VFS", original, cat.stdout());

        Path copied = scratch.resolve("from-vfs.copied");
        nfs.cp(url, copied.toString(), SMALL_RUN_MS).ok();
        assertSameContent("nfs-cp of a file written through the VFS", original, copied);
    }

    @Test
    public void listingADirectoryOfTenThousandEntriesShowsEachExactlyOnce() throws Exception {
        FileHandle root = vfs.root("many");
        for (int i = 0; i < MANY; i++) {
            // Names of 2 to 5 bytes cover every XDR padding; a sparse size of i ties each entry's attributes to its name.
            FileHandle fh = VfsClient.create(vfs, root, "e" + i, new byte[0]);
            vfs.setattr(Cred.ROOT, fh, SetAttrs.NONE.withSize(i), Guard.NONE).toCompletableFuture().join();
        }
        ClientRun ls = nfs.ls(nfs.exportUrl("/many"), false, SMALL_RUN_MS).ok();

        Map<String, NfsLsEntry> listed = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (String line : ls.lines()) {
            NfsLsEntry e = NfsLsEntry.parse(line);
            if (listed.put(e.path(), e) != null) {
                duplicates.add(e.path());
            }
        }
        TreeSet<String> missing = new TreeSet<>();
        for (int i = 0; i < MANY; i++) {
            missing.add("e" + i);
        }
        TreeSet<String> unexpected = new TreeSet<>(listed.keySet());
        unexpected.removeAll(missing);
        missing.removeAll(listed.keySet());
        assertTrue("listed " + listed.size() + " distinct names; duplicated " + first(duplicates) + ", missing "
                + missing.size() + " " + first(missing) + ", unexpected " + first(unexpected),
                duplicates.isEmpty() && missing.isEmpty() && unexpected.isEmpty());
        for (int i = 0; i < MANY; i++) {
            NfsLsEntry e = listed.get("e" + i);
            assertEquals("type of e" + i, '-', e.type());
            assertEquals("size of e" + i, i, e.size());
        }
    }

    @Test
    public void listingANestedTreeShowsEveryEntryWithItsPathAndAttributes() throws Exception {
        List<String> expected = new ArrayList<>();
        FileHandle root = vfs.root("tree");
        file(root, "", "top.txt", 3, expected);
        dir(root, "", "empty", expected);
        FileHandle a = dir(root, "", "a", expected);
        file(a, "a", "one.txt", 1, expected);
        FileHandle b = dir(a, "a", "b", expected);
        file(b, "a/b", "two.bin", 2_000, expected);
        FileHandle c = dir(b, "a/b", "c", expected);
        FileHandle d = dir(c, "a/b/c", "d", expected);
        file(d, "a/b/c/d", "deep.txt", 7, expected);
        dir(d, "a/b/c/d", "e", expected);
        FileHandle wide = dir(root, "", "wide", expected);
        for (int i = 0; i < 50; i++) {
            file(wide, "wide", "w" + i, i, expected);
        }
        vfs.symlink(Cred.ROOT, root, "link", "a/one.txt", SetAttrs.NONE).toCompletableFuture().join();
        expected.add("l link");

        ClientRun recursive = nfs.ls(nfs.exportUrl("/tree"), true, SMALL_RUN_MS).ok();
        assertEquals("nfs-ls -R of the tree\n" + recursive.describe(), sorted(expected), sorted(rendered(recursive)));

        ClientRun top = nfs.ls(nfs.exportUrl("/tree"), false, SMALL_RUN_MS).ok();
        List<String> topLevel = expected.stream().filter(entry -> !pathOf(entry).contains("/")).toList();
        assertEquals("nfs-ls of the tree's top\n" + top.describe(), sorted(topLevel), sorted(rendered(top)));
    }

    @Test
    public void catOfAMissingFileFailsWithNoent() throws Exception {
        ClientRun cat = nfs.cat(nfs.url("/mem", "no-such-file"), SMALL_RUN_MS);
        assertNotEquals("nfs-cat of a missing file exited 0: " + cat.describe(), 0, cat.exitCode());
        assertTrue("no NOENT in the message: " + cat.describe(), cat.stderr().contains("NFS3ERR_NOENT"));
        assertEquals("nfs-cat of a missing file printed data: " + cat.describe(), 0, Files.size(cat.stdout()));
    }

    @Test
    public void mountingAPathThatIsNotExportedIsRefused() throws Exception {
        ClientRun ls = nfs.ls(nfs.exportUrl("/not-exported"), false, SMALL_RUN_MS);
        assertNotEquals("nfs-ls of an unexported path exited 0: " + ls.describe(), 0, ls.exitCode());
        assertTrue("no mount failure in the message: " + ls.describe(), ls.stderr().contains("Failed to mount nfs share"));
    }

    /**
     * Copies {@code size} random bytes to NFS with nfs-cp, back to a new local file with
     * nfs-cp, and to stdout with nfs-cat, and reads the file in process through the VFS.
     */
    private void roundTrip(String name, int size, long runMillis) throws Exception {
        byte[] content = VfsClient.random(1_000_003L * size + 17, size);
        Path original = scratch.resolve(name);
        Files.write(original, content);
        String url = nfs.url("/mem", name);

        nfs.cp(original.toString(), url, runMillis).ok();

        Lookup written = vfs.resolve(Cred.ROOT, "/mem/" + name).toCompletableFuture().join();
        Attrs attrs = written.attrs();
        assertEquals("type in the VFS of the file nfs-cp wrote", FileType.REGULAR, attrs.type());
        assertEquals("size in the VFS of the file nfs-cp wrote", size, attrs.size());
        assertEquals("owner in the VFS (squash none keeps the client's uid)", clientUid(), attrs.uid());
        int mismatch = Arrays.mismatch(content, VfsClient.read(vfs, written.fh(), size));
        assertEquals("first byte where the VFS differs from what nfs-cp wrote", -1, mismatch);

        Path back = scratch.resolve(name + ".back");
        nfs.cp(url, back.toString(), runMillis).ok();
        assertSameContent("nfs-cp from NFS", original, back);

        ClientRun cat = nfs.cat(url, runMillis).ok();
        assertSameContent("nfs-cat", original, cat.stdout());
    }

    private FileHandle dir(FileHandle parent, String parentPath, String name, List<String> expected) {
        FileHandle fh = vfs.mkdir(Cred.ROOT, parent, name, SetAttrs.mode(0755)).toCompletableFuture().join().fh();
        expected.add("drwxr-xr-x 0:0 " + join(parentPath, name));
        return fh;
    }

    private void file(FileHandle parent, String parentPath, String name, int size, List<String> expected) {
        VfsClient.create(vfs, parent, name, VfsClient.random(size * 31L + name.hashCode(), size));
        expected.add("-rw-r--r-- 0:0 " + size + " " + join(parentPath, name));
    }

    /** An entry as the tree test compares it: type, permissions and owner, size for files, path. */
    private static List<String> rendered(ClientRun ls) {
        List<String> out = new ArrayList<>();
        for (String line : ls.lines()) {
            NfsLsEntry e = NfsLsEntry.parse(line);
            String owner = " " + e.uid() + ":" + e.gid() + " ";
            out.add(switch (e.type()) {
                case 'l' -> "l " + e.path();
                case '-' -> "-" + e.perms() + owner + e.size() + " " + e.path();
                default -> e.type() + e.perms() + owner + e.path();
            });
        }
        return out;
    }

    private static String pathOf(String renderedEntry) {
        return renderedEntry.substring(renderedEntry.lastIndexOf(' ') + 1);
    }

    private static String join(String parentPath, String name) {
        return parentPath.isEmpty() ? name : parentPath + "/" + name;
    }

    private static String sorted(List<String> lines) {
        return String.join("\n", lines.stream().sorted().toList());
    }

    private static String first(Collection<String> names) {
        return names.stream().limit(10).toList() + (names.size() > 10 ? "…" : "");
    }

    private static void assertSameContent(String what, Path expected, Path actual) throws IOException {
        long mismatch = Files.mismatch(expected, actual);
        if (mismatch != -1) {
            throw new AssertionError(what + ": differs from the original at byte " + mismatch + " (original "
                    + Files.size(expected) + " bytes, got " + Files.size(actual) + ")");
        }
    }

    /** The uid this JVM, and so the clients it starts, runs as: the owner of /proc/self. */
    private static int clientUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private int boundPort(String protocol) {
        return listeners.listeners().stream()
                .filter(l -> l.protocol().equals(protocol) && l.state().equals("BOUND"))
                .mapToInt(ListenerInfo::boundPort).findFirst().orElse(-1);
    }

    private String mountState(String mount) {
        return mounts.mounts().stream().filter(m -> m.name().equals(mount)).map(MountInfo::state).findFirst().orElse(null);
    }
}
