package io.manticore.core.internal.vfs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.manticore.api.vfs.VfsError;
import org.junit.Test;

public class NamesTest {

    @Test
    public void refusesEmptyNamesSlashesAndNul() {
        assertEquals(VfsError.INVAL, Names.checkLookup(""));
        assertEquals(VfsError.INVAL, Names.checkLookup(null));
        assertEquals(VfsError.INVAL, Names.checkLookup("a/b"));
        assertEquals(VfsError.INVAL, Names.checkLookup("/"));
        assertEquals(VfsError.INVAL, Names.checkLookup("a\0b"));
    }

    @Test
    public void dotNamesMayBeLookedUpButNotCreated() {
        assertNull(Names.checkLookup("."));
        assertNull(Names.checkLookup(".."));
        assertEquals(VfsError.INVAL, Names.checkEntry("."));
        assertEquals(VfsError.INVAL, Names.checkEntry(".."));
        assertNull(Names.checkEntry("..."));
        assertNull(Names.checkEntry(".hidden"));
    }

    @Test
    public void namesAreLimitedTo255Utf8Bytes() {
        assertNull(Names.checkEntry("a".repeat(255)));
        assertEquals(VfsError.NAMETOOLONG, Names.checkEntry("a".repeat(256)));
        assertNull(Names.checkEntry("é".repeat(127) + "a"));
        assertEquals(VfsError.NAMETOOLONG, Names.checkEntry("é".repeat(128)));
        assertNull(Names.checkEntry("€".repeat(85)));
        assertEquals(VfsError.NAMETOOLONG, Names.checkEntry("€".repeat(86)));
        assertEquals(VfsError.NAMETOOLONG, Names.checkEntry("😀".repeat(64)));
        assertNull(Names.checkEntry("😀".repeat(63) + "abc"));
    }
}
