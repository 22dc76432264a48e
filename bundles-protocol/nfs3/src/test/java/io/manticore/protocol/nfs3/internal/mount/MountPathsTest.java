package io.manticore.protocol.nfs3.internal.mount;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class MountPathsTest {

    @Test
    public void duplicateAndTrailingSlashesAreDropped() {
        assertEquals("/mem/a", MountPaths.normalize("/mem//a/"));
        assertEquals("/", MountPaths.normalize("/"));
    }

    @Test
    public void relativeAndDotPathsAreRefused() {
        assertNull(MountPaths.normalize("mem"));
        assertNull(MountPaths.normalize("/mem/../etc"));
        assertNull(MountPaths.normalize("/mem/./a"));
    }
}
