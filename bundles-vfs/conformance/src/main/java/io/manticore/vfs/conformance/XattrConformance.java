package io.manticore.vfs.conformance;

import static io.manticore.vfs.conformance.Stages.assertFails;
import static io.manticore.vfs.conformance.Stages.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.XattrMode;
import org.junit.Before;
import org.junit.Test;

/** Extended attributes, named in the "user." namespace a host file system accepts from anyone. */
public class XattrConformance extends ConformanceCase {

    private static final byte[] VALUE = {0, 1, 2, (byte) 0xff, (byte) 0x80, 'v'};

    private FileHandle file;

    public XattrConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Before
    public void needsXattrs() {
        requires(Capability.XATTR);
        file = fs.createFile(root, "f");
    }

    private void set(FileHandle fh, String name, byte[] value, XattrMode mode) {
        join(mount.setXattr(cred, fh, name, value, mode));
    }

    private byte[] get(FileHandle fh, String name) {
        return join(mount.getXattr(cred, fh, name));
    }

    @Test
    public void aValueIsReadBackByteForByte() {
        set(file, "user.binary", VALUE, XattrMode.EITHER);
        assertArrayEquals(VALUE, get(file, "user.binary"));
        set(file, "user.empty", new byte[0], XattrMode.EITHER);
        assertArrayEquals(new byte[0], get(file, "user.empty"));
        byte[] large = MountDriver.pattern(4000, 1);
        set(file, "user.large", large, XattrMode.EITHER);
        assertArrayEquals(large, get(file, "user.large"));
    }

    @Test
    public void getOfAMissingNameFailsNodata() {
        assertFails(VfsError.NODATA, mount.getXattr(cred, file, "user.missing"));
    }

    @Test
    public void createModeOverAnExistingNameFailsExistAndKeepsTheValue() {
        set(file, "user.a", VALUE, XattrMode.CREATE);
        assertFails(VfsError.EXIST, mount.setXattr(cred, file, "user.a", new byte[] {9}, XattrMode.CREATE));
        assertArrayEquals(VALUE, get(file, "user.a"));
    }

    @Test
    public void replaceModeOfAMissingNameFailsNodata() {
        assertFails(VfsError.NODATA, mount.setXattr(cred, file, "user.a", VALUE, XattrMode.REPLACE));
        assertEquals(List.of(), join(mount.listXattrs(cred, file)));
        set(file, "user.a", VALUE, XattrMode.CREATE);
        set(file, "user.a", new byte[] {7}, XattrMode.REPLACE);
        assertArrayEquals(new byte[] {7}, get(file, "user.a"));
    }

    @Test
    public void eitherModeCreatesAndReplaces() {
        set(file, "user.a", VALUE, XattrMode.EITHER);
        set(file, "user.a", new byte[] {1}, XattrMode.EITHER);
        assertArrayEquals(new byte[] {1}, get(file, "user.a"));
    }

    @Test
    public void listNamesEveryAttributeOnce() {
        assertEquals(List.of(), join(mount.listXattrs(cred, file)));
        set(file, "user.b", VALUE, XattrMode.EITHER);
        set(file, "user.a", VALUE, XattrMode.EITHER);
        set(file, "user.ünï", VALUE, XattrMode.EITHER);
        List<String> names = join(mount.listXattrs(cred, file));
        assertEquals(3, names.size());
        assertEquals(Set.of("user.a", "user.b", "user.ünï"), new TreeSet<>(names));
    }

    @Test
    public void removeDeletesAndAMissingNameFailsNodata() {
        set(file, "user.a", VALUE, XattrMode.EITHER);
        set(file, "user.b", VALUE, XattrMode.EITHER);
        join(mount.removeXattr(cred, file, "user.a"));
        assertFails(VfsError.NODATA, mount.getXattr(cred, file, "user.a"));
        assertEquals(List.of("user.b"), join(mount.listXattrs(cred, file)));
        assertFails(VfsError.NODATA, mount.removeXattr(cred, file, "user.a"));
    }

    @Test
    public void directoriesHaveTheirOwnAttributes() {
        FileHandle dir = fs.mkdir(root, "d");
        set(dir, "user.a", VALUE, XattrMode.EITHER);
        assertArrayEquals(VALUE, get(dir, "user.a"));
        assertFails(VfsError.NODATA, mount.getXattr(cred, file, "user.a"));
    }

    @Test
    public void settingAnAttributeIsAStatusChange() {
        long change = fs.attrs(file).change();
        set(file, "user.a", VALUE, XattrMode.EITHER);
        assertTrue(fs.attrs(file).change() > change);
    }
}
