package io.manticore.api.vfs;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A file handle: the {@link MountId} (16 bytes) followed by the backend's fragment, at most
 * {@value #MAX_BYTES} bytes in all (the NFSv3 limit). Immutable; equal when the bytes are.
 */
public final class FileHandle {

    public static final int MAX_BYTES = 64;
    public static final int MAX_FRAGMENT = MAX_BYTES - MountId.BYTES;

    private final byte[] bytes;
    private final MountId mountId;
    private final int hash;

    private FileHandle(byte[] bytes) {
        this.bytes = bytes;
        this.mountId = MountId.read(bytes);
        this.hash = Arrays.hashCode(bytes);
    }

    /** A handle for {@code fragment} on the mount {@code mountId}. */
    public static FileHandle of(MountId mountId, byte[] fragment) {
        if (fragment.length > MAX_FRAGMENT) {
            throw new IllegalArgumentException("handle fragment of " + fragment.length + " bytes exceeds " + MAX_FRAGMENT);
        }
        byte[] b = new byte[MountId.BYTES + fragment.length];
        mountId.write(b);
        System.arraycopy(fragment, 0, b, MountId.BYTES, fragment.length);
        return new FileHandle(b);
    }

    /**
     * Parses a handle received from a client.
     *
     * @throws VfsException {@link VfsError#BADHANDLE} when the length is out of range
     */
    public static FileHandle fromBytes(byte[] bytes) {
        if (bytes.length < MountId.BYTES || bytes.length > MAX_BYTES) {
            throw new VfsException(VfsError.BADHANDLE, "handle of " + bytes.length + " bytes");
        }
        return new FileHandle(bytes.clone());
    }

    public MountId mountId() {
        return mountId;
    }

    /** The backend's part of the handle (a copy). */
    public byte[] fragment() {
        return Arrays.copyOfRange(bytes, MountId.BYTES, bytes.length);
    }

    /** The whole handle as sent on the wire (a copy). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileHandle h && h.hash == hash && Arrays.equals(h.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
