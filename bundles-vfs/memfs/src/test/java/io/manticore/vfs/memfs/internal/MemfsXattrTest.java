package io.manticore.vfs.memfs.internal;

import static io.manticore.vfs.memfs.internal.MemfsFixture.USER;
import static io.manticore.vfs.memfs.internal.MemfsFixture.assertFails;
import static io.manticore.vfs.memfs.internal.MemfsFixture.join;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.XattrMode;
import io.manticore.testkit.LeakCheck;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

public class MemfsXattrTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private MemfsFixture fx = new MemfsFixture();

    @After
    public void unmount() {
        fx.close();
        fx = null;
    }

    private void set(FileHandle fh, String name, byte[] value, XattrMode mode) {
        join(fx.mount.setXattr(USER, fh, name, value, mode));
    }

    @Test
    public void aValueSetIsReadBackAsACopy() {
        FileHandle file = fx.createFile(fx.root, "f");
        byte[] value = {1, 2, 3};
        set(file, "user.a", value, XattrMode.EITHER);
        value[0] = 99;
        byte[] read = join(fx.mount.getXattr(USER, file, "user.a"));
        assertArrayEquals(new byte[] {1, 2, 3}, read);
        read[1] = 99;
        assertArrayEquals(new byte[] {1, 2, 3}, join(fx.mount.getXattr(USER, file, "user.a")));
        set(file, "user.a", new byte[0], XattrMode.EITHER);
        assertArrayEquals(new byte[0], join(fx.mount.getXattr(USER, file, "user.a")));
    }

    @Test
    public void namesAreListedSortedAndRemovable() {
        FileHandle dir = fx.mkdir(fx.root, "d");
        set(dir, "user.zeta", new byte[] {1}, XattrMode.EITHER);
        set(dir, "user.alpha", new byte[] {2}, XattrMode.EITHER);
        set(dir, "trusted.mid", new byte[] {3}, XattrMode.EITHER);
        assertEquals(List.of("trusted.mid", "user.alpha", "user.zeta"), join(fx.mount.listXattrs(USER, dir)));
        join(fx.mount.removeXattr(USER, dir, "user.alpha"));
        assertEquals(List.of("trusted.mid", "user.zeta"), join(fx.mount.listXattrs(USER, dir)));
        assertFails(VfsError.NODATA, fx.mount.getXattr(USER, dir, "user.alpha"));
        assertFails(VfsError.NODATA, fx.mount.removeXattr(USER, dir, "user.alpha"));
        assertEquals(List.of(), join(fx.mount.listXattrs(USER, fx.root)));
    }

    @Test
    public void createFailsExistWhenPresentAndReplaceNodataWhenAbsent() {
        FileHandle file = fx.createFile(fx.root, "f");
        assertFails(VfsError.NODATA, fx.mount.setXattr(USER, file, "user.a", new byte[] {1}, XattrMode.REPLACE));
        set(file, "user.a", new byte[] {1}, XattrMode.CREATE);
        assertFails(VfsError.EXIST, fx.mount.setXattr(USER, file, "user.a", new byte[] {2}, XattrMode.CREATE));
        set(file, "user.a", new byte[] {3}, XattrMode.REPLACE);
        assertArrayEquals(new byte[] {3}, join(fx.mount.getXattr(USER, file, "user.a")));
    }

    @Test
    public void namesAndValuesOutOfRangeAreRefused() {
        FileHandle file = fx.createFile(fx.root, "f");
        assertFails(VfsError.INVAL, fx.mount.setXattr(USER, file, "", new byte[] {1}, XattrMode.EITHER));
        assertFails(VfsError.NAMETOOLONG, fx.mount.setXattr(USER, file, "u".repeat(256), new byte[] {1},
                XattrMode.EITHER));
        assertFails(VfsError.NAMETOOLONG, fx.mount.getXattr(USER, file, "é".repeat(128)));
        set(file, "u".repeat(255), new byte[] {1}, XattrMode.EITHER);
        set(file, "big", new byte[Xattrs.MAX_VALUE_BYTES], XattrMode.EITHER);
        assertFails(VfsError.RANGE, fx.mount.setXattr(USER, file, "bigger", new byte[Xattrs.MAX_VALUE_BYTES + 1],
                XattrMode.EITHER));
        assertEquals(Xattrs.MAX_VALUE_BYTES, join(fx.mount.getXattr(USER, file, "big")).length);
    }

    @Test
    public void aFileHoldsAtMost1024Attributes() {
        FileHandle file = fx.createFile(fx.root, "f");
        for (int i = 0; i < Xattrs.MAX_COUNT; i++) {
            set(file, "user." + i, new byte[] {(byte) i}, XattrMode.EITHER);
        }
        assertFails(VfsError.NOSPC, fx.mount.setXattr(USER, file, "user.more", new byte[] {1}, XattrMode.EITHER));
        set(file, "user.7", new byte[] {42}, XattrMode.EITHER);
        assertEquals(Xattrs.MAX_COUNT, join(fx.mount.listXattrs(USER, file)).size());
        assertArrayEquals(new byte[] {42}, join(fx.mount.getXattr(USER, file, "user.7")));
    }

    @Test
    public void settingOrRemovingAnAttributeIsAStatusChange() {
        FileHandle file = fx.createFile(fx.root, "f");
        Attrs before = fx.attrs(file);
        set(file, "user.a", new byte[] {1}, XattrMode.EITHER);
        Attrs set = fx.attrs(file);
        assertTrue(set.ctime() > before.ctime());
        assertEquals(before.change() + 1, set.change());
        assertEquals(before.mtime(), set.mtime());
        join(fx.mount.removeXattr(USER, file, "user.a"));
        Attrs removed = fx.attrs(file);
        assertTrue(removed.ctime() > set.ctime());
        assertEquals(set.change() + 1, removed.change());
    }
}
