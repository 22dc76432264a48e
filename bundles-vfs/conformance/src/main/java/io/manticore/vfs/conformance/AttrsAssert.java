package io.manticore.vfs.conformance;

import static org.junit.Assert.assertEquals;

import io.manticore.api.vfs.Attrs;

/** Compares attributes without the access time, which a host file system may move on any read. */
public final class AttrsAssert {

    private AttrsAssert() {
    }

    public static void assertSameState(Attrs expected, Attrs actual) {
        assertEquals("type", expected.type(), actual.type());
        assertEquals("fileId", expected.fileId(), actual.fileId());
        assertEquals("mode", Integer.toOctalString(expected.mode()), Integer.toOctalString(actual.mode()));
        assertEquals("nlink", expected.nlink(), actual.nlink());
        assertEquals("uid", expected.uid(), actual.uid());
        assertEquals("gid", expected.gid(), actual.gid());
        assertEquals("size", expected.size(), actual.size());
        assertEquals("rdev", expected.rdev(), actual.rdev());
        assertEquals("mtime", expected.mtime(), actual.mtime());
        assertEquals("ctime", expected.ctime(), actual.ctime());
        assertEquals("change", expected.change(), actual.change());
    }
}
