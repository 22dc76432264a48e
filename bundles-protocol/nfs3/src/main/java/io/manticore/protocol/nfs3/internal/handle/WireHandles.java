package io.manticore.protocol.nfs3.internal.handle;

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
 * export id (4 bytes), the VFS handle, then 8 bytes of HMAC-SHA256 over everything before it.
 * A handle that fails the check is BADHANDLE; it never reaches a backend.
 */
public final class WireHandles {

    /** RFC 1813 NFS3_FHSIZE. */
    public static final int MAX_BYTES = 64;
    static final byte FORMAT = 1;
    static final int MAC_BYTES = 8;
    static final int HEADER = 1 + 4;
    /** The largest VFS handle that fits. */
    public static final int MAX_VFS_HANDLE = MAX_BYTES - HEADER - MAC_BYTES;

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

    /** The wire form of {@code fh} issued under export {@code exportId}. */
    public byte[] encode(int exportId, FileHandle fh) {
        byte[] vfs = fh.toBytes();
        if (vfs.length > MAX_VFS_HANDLE) {
            throw new VfsException(VfsError.SERVERFAULT, "a " + vfs.length + "-byte handle does not fit NFSv3");
        }
        byte[] wire = new byte[HEADER + vfs.length + MAC_BYTES];
        wire[0] = FORMAT;
        wire[1] = (byte) (exportId >>> 24);
        wire[2] = (byte) (exportId >>> 16);
        wire[3] = (byte) (exportId >>> 8);
        wire[4] = (byte) exportId;
        System.arraycopy(vfs, 0, wire, HEADER, vfs.length);
        System.arraycopy(mac(wire, HEADER + vfs.length), 0, wire, HEADER + vfs.length, MAC_BYTES);
        return wire;
    }

    /**
     * Checks and unwraps a handle a client sent.
     *
     * @throws VfsException BADHANDLE when the length, format or MAC is wrong
     */
    public Decoded decode(byte[] wire) {
        int vfsLength = wire.length - HEADER - MAC_BYTES;
        if (vfsLength < MountId.BYTES || wire.length > MAX_BYTES || wire[0] != FORMAT) {
            throw new VfsException(VfsError.BADHANDLE, "malformed handle of " + wire.length + " bytes");
        }
        byte[] expected = mac(wire, HEADER + vfsLength);
        byte[] sent = new byte[MAC_BYTES];
        System.arraycopy(wire, HEADER + vfsLength, sent, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expected, sent)) {
            throw new VfsException(VfsError.BADHANDLE, "handle signature mismatch");
        }
        int exportId = (wire[1] & 0xff) << 24 | (wire[2] & 0xff) << 16 | (wire[3] & 0xff) << 8 | (wire[4] & 0xff);
        byte[] vfs = new byte[vfsLength];
        System.arraycopy(wire, HEADER, vfs, 0, vfsLength);
        return new Decoded(exportId, FileHandle.fromBytes(vfs));
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
