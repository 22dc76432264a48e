package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FsStat;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.VfsError;
import org.junit.Test;

/** statfs figures and the name length they promise. */
public class StatfsConformance extends ConformanceCase {

    public StatfsConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    public void theFiguresAreConsistent() {
        FsStat stat = join(mount.statfs(cred, root));
        assertTrue(stat.toString(), stat.totalBytes() > 0);
        assertTrue(stat.toString(), stat.freeBytes() >= 0 && stat.freeBytes() <= stat.totalBytes());
        assertTrue(stat.toString(), stat.availableBytes() >= 0 && stat.availableBytes() <= stat.freeBytes());
        assertTrue(stat.toString(), stat.totalFiles() > 0);
        assertTrue(stat.toString(), stat.freeFiles() >= 0 && stat.freeFiles() <= stat.totalFiles());
        assertTrue(stat.toString(), stat.availableFiles() >= 0 && stat.availableFiles() <= stat.freeFiles());
        assertTrue(stat.toString(), stat.maxNameLength() > 0);
        assertTrue(stat.toString(), stat.maxFileSize() > 0);
    }

    @Test
    public void aFileAnswersForItsFileSystem() {
        FileHandle file = fs.createFile(root, "f");
        assertEquals(join(mount.statfs(cred, root)).totalBytes(), join(mount.statfs(cred, file)).totalBytes());
    }

    @Test
    public void aNameOfTheLongestLengthIsAcceptedAndALongerOneFailsNametoolong() {
        int longest = join(mount.statfs(cred, root)).maxNameLength();
        String name = "n".repeat(longest);
        fs.createFile(root, name);
        assertEquals(name, fs.names(root, 10).get(0));
        assertFails(VfsError.NAMETOOLONG, mount.mkdir(cred, root, name + "n", SetAttrs.NONE));
    }
}
