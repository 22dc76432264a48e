package io.manticore.protocol.s3.internal.list;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.FileHandle;

/**
 * One directory's entries that can be keys, in S3 order: each entry is its name's UTF-8
 * bytes, followed by '/' for a folder (a folder "a" holds the keys "a/…", which sort by
 * "a/"). Symlinks and other special files are left out. Immutable, and holds no buffers.
 */
final class DirListing {

    static final byte SLASH = '/';
    /** What a listing needs of each entry: its type. */
    static final AttrMask TYPE = new AttrMask(AttrMask.BASIC);

    private final long change;
    private final boolean vacant;
    private final byte[][] keys;
    private final FileHandle[] handles;

    private record Entry(byte[] key, FileHandle fh) {
    }

    /** The listing of {@code entries}, sorted; entries that cannot be keys are dropped. */
    static DirListing of(long change, Collection<DirEntry> entries) {
        List<Entry> kept = new ArrayList<>(entries.size());
        for (DirEntry e : entries) {
            if (e.attrs() == null || e.fh() == null || !KeyBytes.validName(e.name())) {
                continue;
            }
            if (e.attrs().isRegular()) {
                kept.add(new Entry(KeyBytes.utf8(e.name()), e.fh()));
            } else if (e.attrs().isDirectory()) {
                byte[] name = KeyBytes.utf8(e.name());
                byte[] key = Arrays.copyOf(name, name.length + 1);
                key[name.length] = SLASH;
                kept.add(new Entry(key, e.fh()));
            }
        }
        kept.sort((a, b) -> KeyBytes.compare(a.key(), b.key()));
        byte[][] keys = new byte[kept.size()][];
        FileHandle[] handles = new FileHandle[kept.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = kept.get(i).key();
            handles[i] = kept.get(i).fh();
        }
        return new DirListing(change, entries.isEmpty(), keys, handles);
    }

    private DirListing(long change, boolean vacant, byte[][] keys, FileHandle[] handles) {
        this.change = change;
        this.vacant = vacant;
        this.keys = keys;
        this.handles = handles;
    }

    /** A listing of the single folder {@code name} (the one entry a prefix can continue). */
    static DirListing folder(String name, FileHandle fh) {
        byte[] key = KeyBytes.concat(KeyBytes.utf8(name), new byte[] {SLASH});
        return new DirListing(0, false, new byte[][] {key}, new FileHandle[] {fh});
    }

    /** No entry that can hold a key (the directory itself may have entries). */
    static DirListing empty() {
        return new DirListing(0, false, new byte[0][], new FileHandle[0]);
    }

    /** Whether the directory had no entries at all (not merely none that can be keys). */
    boolean vacant() {
        return vacant;
    }

    /** The directory's change counter when it was read. */
    long change() {
        return change;
    }

    int size() {
        return keys.length;
    }

    byte[] key(int i) {
        return keys[i];
    }

    FileHandle handle(int i) {
        return handles[i];
    }

    boolean folder(int i) {
        byte[] k = keys[i];
        return k[k.length - 1] == SLASH;
    }

    /**
     * The first entry that can hold a key starting with, or after, {@code bound} (relative to
     * this directory): either its key cut to the bound's length is not below it, or it is the
     * folder whose keys the bound continues.
     */
    int seek(byte[] bound) {
        int first = firstCutAtLeast(bound, 0, 0);
        if (first > 0 && folder(first - 1) && KeyBytes.startsWith(bound, keys[first - 1])) {
            return first - 1;
        }
        return first;
    }

    /** The first entry at or after {@code from} whose key does not start with {@code start}. */
    int endOfRun(byte[] start, int from) {
        return firstCutAtLeast(start, from, 1);
    }

    /** Binary search for the first index at or after {@code from} whose key, cut to the bound's length, compares at least {@code least}. */
    private int firstCutAtLeast(byte[] bound, int from, int least) {
        int lo = from;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.signum(KeyBytes.compareCut(keys[mid], bound)) < least) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
