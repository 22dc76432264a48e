package io.manticore.protocol.nfscommon.internal.handle;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

public class WireHandlesTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final byte[] KEY = new byte[32];
    private static final FileHandle FH = FileHandle.of(MountId.forName("mem"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    @Test
    public void encodedHandleDecodesToItsExportAndVfsHandle() {
        WireHandles handles = new WireHandles(KEY);
        WireHandles.Decoded d = handles.decode(handles.encode(0xCAFEBABE, FH));
        assertEquals(0xCAFEBABE, d.exportId());
        assertEquals(FH, d.fh());
    }

    @Test
    public void everyAlteredByteIsRefusedAsBadHandle() {
        WireHandles handles = new WireHandles(KEY);
        byte[] wire = handles.encode(7, FH);
        for (int i = 0; i < wire.length; i++) {
            byte[] forged = wire.clone();
            forged[i] ^= 0x01;
            assertBadHandle(handles, forged);
        }
    }

    @Test
    public void handleSignedWithAnotherKeyIsRefused() {
        byte[] other = new byte[32];
        other[0] = 1;
        byte[] wire = new WireHandles(other).encode(7, FH);
        assertBadHandle(new WireHandles(KEY), wire);
    }

    @Test
    public void truncatedAndOversizedHandlesAreRefused() {
        WireHandles handles = new WireHandles(KEY);
        byte[] wire = handles.encode(7, FH);
        assertBadHandle(handles, Arrays.copyOf(wire, wire.length - 1));
        assertBadHandle(handles, new byte[0]);
        assertBadHandle(handles, new byte[65]);
    }

    @Test
    public void largestVfsHandleFitsNfsv3Limit() {
        FileHandle big = FileHandle.of(MountId.forName("m"), new byte[WireHandles.MAX_VFS_HANDLE - MountId.BYTES]);
        assertEquals(64, new WireHandles(KEY).encode(1, big).length);
        FileHandle tooBig = FileHandle.of(MountId.forName("m"), new byte[WireHandles.MAX_VFS_HANDLE - MountId.BYTES + 1]);
        try {
            new WireHandles(KEY).encode(1, tooBig);
            fail("a handle over 64 bytes was encoded");
        } catch (VfsException e) {
            assertEquals(VfsError.SERVERFAULT, e.error());
        }
    }

    @Test
    public void nfs4HandleCarriesTheLargestVfsHandleThatNfs3Refuses() {
        WireHandles handles = new WireHandles(KEY);
        FileHandle largest = FileHandle.of(MountId.forName("m"), new byte[FileHandle.MAX_FRAGMENT]);
        byte[] wire = handles.encode(9, largest, WireHandles.NFS4_MAX_BYTES);
        assertEquals(77, wire.length);
        assertEquals(largest, handles.decode(wire, WireHandles.NFS4_MAX_BYTES).fh());
        assertBadHandle(handles, wire);
    }

    @Test
    public void nodeHandleDecodesToItsIdAndIsNoExportHandle() {
        WireHandles handles = new WireHandles(KEY);
        byte[] wire = handles.encodeNode(0x0123456789ABCDEFL);
        assertTrue(WireHandles.isNode(wire));
        assertEquals(0x0123456789ABCDEFL, handles.decodeNode(wire));
        assertBadHandle(handles, wire);
        for (int i = 0; i < wire.length; i++) {
            byte[] forged = wire.clone();
            forged[i] ^= 0x01;
            try {
                handles.decodeNode(forged);
                fail("accepted a node handle altered at byte " + i);
            } catch (VfsException e) {
                assertEquals(VfsError.BADHANDLE, e.error());
            }
        }
    }

    @Test
    public void keyIsCreatedOnceWithOwnerOnlyPermissionsAndReusedAfter() throws Exception {
        Path var = tmp.getRoot().toPath();
        byte[] first = HandleKey.load(var);
        byte[] second = HandleKey.load(var);
        assertArrayEquals(first, second);
        assertEquals(32, first.length);
        Path file = var.resolve("nfs/handle.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.list(file.getParent()).count() == 1);
    }

    @Test
    public void keyFileOfWrongLengthIsAnError() throws Exception {
        Path var = tmp.getRoot().toPath();
        Files.createDirectories(var.resolve("nfs"));
        Files.write(var.resolve("nfs/handle.key"), new byte[5]);
        try {
            HandleKey.load(var);
            fail("a 5-byte key was accepted");
        } catch (java.io.IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("5 bytes"));
        }
    }

    private static void assertBadHandle(WireHandles handles, byte[] wire) {
        try {
            handles.decode(wire);
            fail("accepted " + Arrays.toString(wire));
        } catch (VfsException e) {
            assertEquals(VfsError.BADHANDLE, e.error());
        }
    }
}
