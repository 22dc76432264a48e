package io.manticore.api.vfs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The 16-byte identity of a mount, the first part of every {@link FileHandle}. It is derived
 * from the mount's name, so it stays the same across restarts and module swaps.
 */
public record MountId(long high, long low) {

    public static final int BYTES = 16;

    /** The identity of the mount configured under {@code name}. */
    public static MountId forName(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(("manticore-mount:" + name).getBytes(StandardCharsets.UTF_8));
        return new MountId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    static MountId read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, BYTES);
        return new MountId(b.getLong(), b.getLong());
    }

    void write(byte[] into) {
        ByteBuffer.wrap(into, 0, BYTES).putLong(high).putLong(low);
    }

    @Override
    public String toString() {
        return new UUID(high, low).toString();
    }
}
