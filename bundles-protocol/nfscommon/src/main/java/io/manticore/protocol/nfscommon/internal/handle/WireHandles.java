package io.manticore.protocol.nfscommon.internal.handle;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * Wraps VFS handles for the wire and checks them on the way back. Layout: a format byte, the
 * body, then 8 bytes of HMAC-SHA256 over everything before it. The body of an export handle
 * (format 1) is the export id (4 bytes) and the VFS handle; that of a node of the NFSv4 pseudo
 * file system (format 2) is the node's 8-byte id. A handle that fails the check is BADHANDLE;
 * it never reaches a backend.
 */
public final class WireHandles {

    /** RFC 1813 NFS3_FHSIZE. */
    public static final int MAX_BYTES = 64;
    /** RFC 7530 NFS4_FHSIZE. */
    public static final int NFS4_MAX_BYTES = 128;
    static final byte FORMAT = 1;
    static final byte NODE_FORMAT = 2;
    static final int MAC_BYTES = 8;
    static final int HEADER = 1 + 4;
    /** The largest VFS handle that fits NFSv3. */
    public static final int MAX_VFS_HANDLE = MAX_BYTES - HEADER - MAC_BYTES;
    private static final int NODE_BYTES = 1 + 8 + MAC_BYTES;

    /** Cloned per use: a Mac is not thread-safe, and a thread-local would pin this bundle's loader to the event loops. */
    private final Mac prototype;

    public WireHandles(byte[] secret) {
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret.clone(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** A decoded wire handle: the export it was issued for and the VFS handle. */
    public record Decoded(int exportId, FileHandle fh) {
    }

    /** The wire form of {@code fh} issued under export {@code exportId}, within NFSv3's limit. */
    public byte[] encode(int exportId, FileHandle fh) {
        return encode(exportId, fh, MAX_BYTES);
    }

    /**
     * The wire form of {@code fh} issued under export {@code exportId}, at most {@code maxBytes} long.
     *
     * @throws VfsException SERVERFAULT when it does not fit
     */
    public byte[] encode(int exportId, FileHandle fh, int maxBytes) {
        byte[] vfs = fh.toBytes();
        if (HEADER + vfs.length + MAC_BYTES > maxBytes) {
            throw new VfsException(VfsError.SERVERFAULT, "a " + vfs.length + "-byte handle does not fit "
                    + maxBytes + " bytes");
        }
        byte[] wire = new byte[HEADER + vfs.length + MAC_BYTES];
        wire[0] = FORMAT;
        wire[1] = (byte) (exportId >>> 24);
        wire[2] = (byte) (exportId >>> 16);
        wire[3] = (byte) (exportId >>> 8);
        wire[4] = (byte) exportId;
        System.arraycopy(vfs, 0, wire, HEADER, vfs.length);
        sign(wire);
        return wire;
    }

    /**
     * Checks and unwraps an NFSv3 handle a client sent.
     *
     * @throws VfsException BADHANDLE when the length, format or MAC is wrong
     */
    public Decoded decode(byte[] wire) {
        return decode(wire, MAX_BYTES);
    }

    /**
     * Checks and unwraps an export handle of at most {@code maxBytes} a client sent.
     *
     * @throws VfsException BADHANDLE when the length, format or MAC is wrong
     */
    public Decoded decode(byte[] wire, int maxBytes) {
        int vfsLength = wire.length - HEADER - MAC_BYTES;
        if (vfsLength < MountId.BYTES || wire.length > maxBytes || wire[0] != FORMAT) {
            throw new VfsException(VfsError.BADHANDLE, "malformed handle of " + wire.length + " bytes");
        }
        verify(wire);
        int exportId = (wire[1] & 0xff) << 24 | (wire[2] & 0xff) << 16 | (wire[3] & 0xff) << 8 | (wire[4] & 0xff);
        byte[] vfs = new byte[vfsLength];
        System.arraycopy(wire, HEADER, vfs, 0, vfsLength);
        return new Decoded(exportId, FileHandle.fromBytes(vfs));
    }

    /** The wire form of the pseudo file system node {@code nodeId} (NFSv4). */
    public byte[] encodeNode(long nodeId) {
        byte[] wire = new byte[NODE_BYTES];
        wire[0] = NODE_FORMAT;
        for (int i = 0; i < 8; i++) {
            wire[1 + i] = (byte) (nodeId >>> (56 - 8 * i));
        }
        sign(wire);
        return wire;
    }

    /** True when {@code wire} has the format of a pseudo file system node's handle (not yet checked). */
    public static boolean isNode(byte[] wire) {
        return wire.length > 0 && wire[0] == NODE_FORMAT;
    }

    /**
     * Checks a pseudo file system node's handle a client sent and returns the node's id.
     *
     * @throws VfsException BADHANDLE when the length, format or MAC is wrong
     */
    public long decodeNode(byte[] wire) {
        if (wire.length != NODE_BYTES || wire[0] != NODE_FORMAT) {
            throw new VfsException(VfsError.BADHANDLE, "malformed node handle of " + wire.length + " bytes");
        }
        verify(wire);
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = id << 8 | (wire[1 + i] & 0xff);
        }
        return id;
    }

    /** Writes the MAC of everything before the last {@value #MAC_BYTES} bytes into them. */
    private void sign(byte[] wire) {
        int signed = wire.length - MAC_BYTES;
        System.arraycopy(mac(wire, signed), 0, wire, signed, MAC_BYTES);
    }

    private void verify(byte[] wire) {
        int signed = wire.length - MAC_BYTES;
        byte[] expected = mac(wire, signed);
        byte[] sent = new byte[MAC_BYTES];
        System.arraycopy(wire, signed, sent, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expected, sent)) {
            throw new VfsException(VfsError.BADHANDLE, "handle signature mismatch");
        }
    }

    private byte[] mac(byte[] data, int length) {
        Mac mac = newMac();
        mac.update(data, 0, length);
        byte[] full = mac.doFinal();
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's HmacSHA256 cannot be cloned", e);
        }
    }
}
