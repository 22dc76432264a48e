package io.manticore.protocol.nfs3.internal.nfs;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileType;

public class AccessTest {

    private static final int ALL = 0x3f;

    private static Attrs attrs(FileType type, int mode) {
        return new Attrs(type, mode, 1, 1000, 100, 0, 0, 0, 1, 0, 0, 0, 0, 0);
    }

    @Test
    public void ownerOfReadWriteFileMayReadModifyExtendButNotExecute() {
        int granted = Access.allowed(attrs(FileType.REGULAR, 0644), new Cred(1000, 100, null), false);
        assertEquals(Access.READ | Access.MODIFY | Access.EXTEND, granted & ALL);
    }

    @Test
    public void groupAndOtherGetTheirOwnBits() {
        assertEquals(Access.READ, Access.allowed(attrs(FileType.REGULAR, 0640), new Cred(2000, 100, null), false));
        assertEquals(0, Access.allowed(attrs(FileType.REGULAR, 0640), new Cred(2000, 200, null), false));
    }

    @Test
    public void directoryExecuteIsLookupAndWriteIncludesDelete() {
        int granted = Access.allowed(attrs(FileType.DIRECTORY, 0700), new Cred(1000, 100, null), false);
        assertEquals(Access.READ | Access.LOOKUP | Access.MODIFY | Access.EXTEND | Access.DELETE, granted);
    }

    @Test
    public void readOnlyExportWithholdsEveryWriteRight() {
        int granted = Access.allowed(attrs(FileType.DIRECTORY, 0777), new Cred(1000, 100, null), true);
        assertEquals(Access.READ | Access.LOOKUP, granted);
    }

    @Test
    public void rootMayExecuteOnlyWhatSomeoneMayExecute() {
        assertEquals(Access.READ | Access.MODIFY | Access.EXTEND,
                Access.allowed(attrs(FileType.REGULAR, 0600), Cred.ROOT, false));
        assertEquals(Access.READ | Access.MODIFY | Access.EXTEND | Access.EXECUTE,
                Access.allowed(attrs(FileType.REGULAR, 0001), Cred.ROOT, false));
    }
}
