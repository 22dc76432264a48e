package io.manticore.vfs.linux.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.vfs.linux.internal.sys.Flags;
import io.manticore.vfs.linux.internal.sys.KernelHandle;
import io.manticore.vfs.linux.internal.sys.Libc;

/**
 * Handles to O_PATH file descriptors: open_by_handle_at(2) against the mount root (a descriptor
 * opened for reading: the kernel answers EBADF for an O_PATH one), through a bounded cache of
 * reference-counted descriptors (beyond the bound the least recently used one that no call holds
 * is closed). Resolving needs CAP_DAC_READ_SEARCH, so it runs before a call takes its caller's
 * identity, which drops that capability.
 */
final class Handles implements AutoCloseable {

    static final int CAPACITY = 4096;

    /** One cached descriptor; fields guarded by the cache's monitor. */
    private static final class Entry {
        final FileHandle fh;
        final int fd;
        int users;
        boolean dropped;

        Entry(FileHandle fh, int fd) {
            this.fh = fh;
            this.fd = fd;
        }
    }

    /** A descriptor held for one call. */
    final class Ref implements AutoCloseable {
        private final Entry entry;

        private Ref(Entry entry) {
            this.entry = entry;
        }

        int fd() {
            return entry.fd;
        }

        @Override
        public void close() {
            release(entry);
        }
    }

    private final MountId mountId;
    private final int mountFd;
    private final int hostMount;
    private final int capacity;
    private final Map<FileHandle, Entry> cache = new LinkedHashMap<>(64, 0.75f, true);
    private boolean closed;

    Handles(MountId mountId, int mountFd, int capacity) {
        this.mountId = mountId;
        this.mountFd = mountFd;
        this.hostMount = KernelHandle.hostMountOf(mountFd);
        this.capacity = capacity;
    }

    int mountFd() {
        return mountFd;
    }

    /** The handle of {@code name} in the directory {@code dirfd}, or of {@code dirfd} itself when name is empty. */
    FileHandle handleOf(int dirfd, String name) {
        return KernelHandle.of(mountId, dirfd, name, hostMount);
    }

    /** An O_PATH descriptor of {@code fh}, valid until the ref closes; STALE when the file is gone. */
    Ref acquire(FileHandle fh) {
        synchronized (this) {
            Entry cached = cache.get(fh);
            if (cached != null) {
                cached.users++;
                return new Ref(cached);
            }
            if (closed) {
                throw new VfsException(VfsError.STALE, "the mount was unmounted");
            }
        }
        return keep(fh, KernelHandle.open(mountFd, fh, Flags.O_PATH | Flags.noFollow()));
    }

    /**
     * Takes the O_PATH descriptor {@code fd} of {@code fh} (a lookup opened it) into the cache, or
     * closes it when the handle is cached already, saving the next call on {@code fh} its
     * open_by_handle_at.
     */
    void offer(FileHandle fh, int fd) {
        keep(fh, fd).close();
    }

    private synchronized Ref keep(FileHandle fh, int fd) {
        if (closed) {
            Libc.close(fd);
            throw new VfsException(VfsError.STALE, "the mount was unmounted");
        }
        Entry raced = cache.get(fh);
        if (raced != null) {
            Libc.close(fd);
            raced.users++;
            return new Ref(raced);
        }
        Entry entry = new Entry(fh, fd);
        entry.users = 1;
        cache.put(fh, entry);
        trim();
        return new Ref(entry);
    }

    /** Forgets {@code fh} (its file was removed or replaced); its descriptor closes when the last call lets it go. */
    synchronized void evict(FileHandle fh) {
        Entry entry = cache.remove(fh);
        if (entry != null) {
            drop(entry);
        }
    }

    private synchronized void release(Entry entry) {
        entry.users--;
        if (entry.dropped && entry.users == 0) {
            Libc.close(entry.fd);
        }
    }

    private void trim() {
        Iterator<Entry> eldestFirst = cache.values().iterator();
        while (cache.size() > capacity && eldestFirst.hasNext()) {
            Entry entry = eldestFirst.next();
            if (entry.users == 0) {
                eldestFirst.remove();
                drop(entry);
            }
        }
    }

    private void drop(Entry entry) {
        entry.dropped = true;
        if (entry.users == 0) {
            Libc.close(entry.fd);
        }
    }

    synchronized int cached() {
        return cache.size();
    }

    /** Closes every cached descriptor and the mount's own. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Entry> all = new ArrayList<>(cache.values());
        cache.clear();
        all.forEach(this::drop);
        Libc.close(mountFd);
    }
}
