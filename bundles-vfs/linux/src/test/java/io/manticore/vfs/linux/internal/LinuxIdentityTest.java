package io.manticore.vfs.linux.internal;

import static io.manticore.vfs.linux.internal.HostMount.error;
import static io.manticore.vfs.linux.internal.HostMount.join;
import static io.manticore.vfs.linux.internal.HostMount.read;
import static io.manticore.vfs.linux.internal.HostMount.write;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Guard;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsMount;
import io.manticore.testkit.LeakCheck;

/** Each call runs as its caller, so the host kernel checks permissions and owns new files to their creator (the server runs as root). */
public class LinuxIdentityTest {

    private static final Cred USER = new Cred(1000, 1000, new int[0]);
    private static final Cred USER_IN_STAFF = new Cred(1000, 1000, new int[] {2000});

    @Rule
    public final LeakCheck leaks = new LeakCheck();
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Path folder;
    private VfsMount mount;
    private FileHandle root;

    @Before
    public void mountFolder() throws Exception {
        folder = tmp.newFolder("served").toPath();
        Files.setAttribute(folder, "unix:mode", 0755);
        mount = HostMount.of(folder);
        root = mount.root();
    }

    @After
    public void unmount() {
        mount.unmount();
    }

    @Test
    public void theMountLeavesPermissionsToTheKernel() {
        assertTrue(mount.capabilities().contains(Capability.ENFORCES_PERMISSIONS));
    }

    @Test
    public void aUserCannotCreateInARootOwnedFolderButCanInItsOwn() throws Exception {
        assertEquals(0, Files.getAttribute(folder, "unix:uid"));
        assertEquals(VfsError.ACCES, error(mount.mkdir(USER, root, "intruder", SetAttrs.mode(0755))));
        assertEquals(VfsError.ACCES, error(mount.createUnlinked(USER, root, SetAttrs.mode(0644))));
        assertFalse(Files.exists(folder.resolve("intruder")));
        FileHandle home = join(mount.mkdir(Cred.ROOT, root, "home", SetAttrs.mode(0755).withOwner(1000, 1000))).fh();
        FileHandle file = write(mount, USER, home, "f", new byte[] {7});
        assertArrayEquals(new byte[] {7}, read(mount, USER, file, 0, 1));
    }

    @Test
    public void filesBelongOnDiskToTheUserWhoMadeThem() throws Exception {
        Files.setAttribute(folder, "unix:mode", 0777);
        FileHandle dir = join(mount.mkdir(USER, root, "d", SetAttrs.mode(0750))).fh();
        write(mount, USER, dir, "f", new byte[] {7});
        join(mount.symlink(USER, dir, "l", "f", SetAttrs.NONE));
        for (String path : List.of("d", "d/f")) {
            assertEquals(path, 1000, Files.getAttribute(folder.resolve(path), "unix:uid"));
            assertEquals(path, 1000, Files.getAttribute(folder.resolve(path), "unix:gid"));
        }
        assertEquals(1000, Files.getAttribute(folder.resolve("d/l"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals("the mode asked, whatever the process's umask", 0644,
                (Integer) Files.getAttribute(folder.resolve("d/f"), "unix:mode") & 07777);
        assertEquals(0750, (Integer) Files.getAttribute(folder.resolve("d"), "unix:mode") & 07777);
    }

    @Test
    public void aUserReadsAnotherUsersPrivateFileOnlyWhenTheModeLetsIt() throws Exception {
        Files.setAttribute(folder, "unix:mode", 0777);
        FileHandle file = write(mount, new Cred(1001, 1001, new int[0]), root, "secret", new byte[] {1});
        join(mount.setattr(new Cred(1001, 1001, new int[0]), file, SetAttrs.mode(0600), Guard.NONE));
        assertEquals(VfsError.ACCES, error(mount.open(USER, file, false)));
        assertEquals(VfsError.PERM, error(mount.setattr(USER, file, SetAttrs.mode(0666), Guard.NONE)));
        assertEquals(0600, join(mount.getattr(USER, file, AttrMask.ALL)).mode());
    }

    @Test
    public void supplementaryGroupsGrantWhatTheirGroupMayDo() throws Exception {
        Files.setAttribute(folder, "unix:gid", 2000);
        Files.setAttribute(folder, "unix:mode", 0770);
        assertEquals(VfsError.ACCES, error(mount.mkdir(USER, root, "no", SetAttrs.mode(0755))));
        FileHandle made = join(mount.mkdir(USER_IN_STAFF, root, "yes", SetAttrs.mode(0755))).fh();
        assertEquals(1000, join(mount.getattr(USER, made, AttrMask.ALL)).uid());
    }

    @Test
    public void everyCallGivesTheThreadBackAndLeavesOtherThreadsAlone() throws Exception {
        Files.setAttribute(folder, "unix:mode", 0777);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            String otherBefore = other.submit(LinuxIdentityTest::threadIdentity).get();
            join(mount.mkdir(USER_IN_STAFF, root, "d", SetAttrs.mode(0755)));
            assertEquals("fsuid 0, fsgid 0, groups []", threadIdentity());
            assertEquals(otherBefore, other.submit(LinuxIdentityTest::threadIdentity).get());
            Path after = Files.createFile(tmp.getRoot().toPath().resolve("after"));
            assertEquals(0, Files.getAttribute(after, "unix:uid"));
            assertEquals(0, Files.getAttribute(after, "unix:gid"));
        } finally {
            other.shutdownNow();
        }
    }

    /** The calling thread's filesystem uid and gid and its groups, from proc(5). */
    private static String threadIdentity() throws IOException {
        String fsuid = null;
        String fsgid = null;
        String groups = null;
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
            String[] fields = line.split("\\s+");
            if (line.startsWith("Uid:")) {
                fsuid = fields[4];
            } else if (line.startsWith("Gid:")) {
                fsgid = fields[4];
            } else if (line.startsWith("Groups:")) {
                groups = line.substring("Groups:".length()).trim();
            }
        }
        return "fsuid " + fsuid + ", fsgid " + fsgid + ", groups [" + groups + "]";
    }
}
