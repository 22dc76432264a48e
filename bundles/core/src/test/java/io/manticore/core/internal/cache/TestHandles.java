package io.manticore.core.internal.cache;

import java.nio.ByteBuffer;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.MountId;

/** Handles and attributes for cache tests. */
final class TestHandles {

    static final MountId MOUNT = MountId.forName("cache-test");
    static final MountId OTHER_MOUNT = MountId.forName("cache-test-other");

    private TestHandles() {
    }

    static FileHandle handle(long n) {
        return handle(MOUNT, n);
    }

    static FileHandle handle(MountId mount, long n) {
        return FileHandle.of(mount, ByteBuffer.allocate(8).putLong(n).array());
    }

    static Attrs attrs(long fileId, long size, long change) {
        return new Attrs(FileType.REGULAR, 0644, 1, 0, 0, size, size, 0, fileId, 0, 0, 0, 0, change);
    }

    /** A clock tests move by hand. */
    static final class ManualClock implements java.util.function.LongSupplier {
        private long now = 1_000_000_000L;

        @Override
        public long getAsLong() {
            return now;
        }

        void advance(long nanos) {
            now += nanos;
        }
    }
}
