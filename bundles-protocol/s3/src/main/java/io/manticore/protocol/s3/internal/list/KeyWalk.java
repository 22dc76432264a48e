package io.manticore.protocol.s3.internal.list;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.s3.internal.error.Failures;

/**
 * Walks a bucket's folder tree in S3 key order and collects up to {@code limit} keys and
 * common prefixes of a {@link KeyRange}. It goes straight to the range's start: in each
 * directory on the way down it begins at the entry the prefix or the marker continues, so a
 * page after the first costs what it lists, not what came before it. A folder rolled up into
 * a common prefix is not entered; a folder the caller may not read is left out.
 */
final class KeyWalk {

    private final Vfs vfs;
    private final Cred cred;
    private final DirReader reader;
    private final KeyRange range;
    private final int limit;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final List<Listed> found = new ArrayList<>();
    private final CompletableFuture<List<Listed>> done = new CompletableFuture<>();
    private final Trampoline loop = new Trampoline(this::advance);
    private byte[] lastRollUp;

    /** A directory being walked: its path in the bucket ("" or ending in '/') and its place in its listing. */
    private static final class Frame {
        final byte[] path;
        final FileHandle dir;
        final boolean root;
        /** What the prefix asks of this directory's entries, empty when the path already holds it. */
        final byte[] relativePrefix;
        boolean loading;
        boolean positioned;
        volatile DirListing listing;
        volatile Throwable failure;
        int next;

        Frame(byte[] path, FileHandle dir, boolean root, byte[] prefix) {
            this.path = path;
            this.dir = dir;
            this.root = root;
            this.relativePrefix = prefix.length > path.length ? KeyBytes.tail(prefix, path.length) : KeyBytes.EMPTY;
        }
    }

    private KeyWalk(Vfs vfs, Cred cred, DirReader reader, KeyRange range, int limit) {
        this.vfs = vfs;
        this.cred = cred;
        this.reader = reader;
        this.range = range;
        this.limit = limit;
    }

    /** Up to {@code limit} results of {@code range} under the bucket folder {@code root}, in order. */
    static CompletionStage<List<Listed>> walk(Vfs vfs, Cred cred, DirReader reader, FileHandle root, KeyRange range,
                                              int limit) {
        if (limit <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        KeyWalk walk = new KeyWalk(vfs, cred, reader, range, limit);
        walk.stack.push(new Frame(KeyBytes.EMPTY, root, true, range.prefix()));
        walk.loop.signal();
        return walk.done;
    }

    /** Goes on until the walk waits for a directory, is done, or failed. */
    private void advance() {
        while (!done.isDone()) {
            Frame frame = stack.peek();
            if (frame == null || found.size() >= limit) {
                done.complete(found);
                return;
            }
            if (frame.listing == null) {
                if (frame.failure != null) {
                    failed(frame);
                } else if (!frame.loading) {
                    frame.loading = true;
                    load(frame);
                    return;
                } else {
                    return;
                }
            } else if (!frame.positioned) {
                position(frame);
            } else if (frame.next >= frame.listing.size()) {
                stack.pop();
            } else {
                visit(frame, frame.next++);
            }
        }
    }

    private void load(Frame frame) {
        byte[] rest = frame.relativePrefix;
        int slash = indexOfSlash(rest);
        CompletionStage<DirListing> listing;
        if (slash > 0) {
            // Only the folder the prefix names can hold matching keys: look it up instead of listing all.
            String folder = KeyBytes.text(Arrays.copyOf(rest, slash));
            listing = vfs.lookup(cred, frame.dir, folder, DirListing.TYPE).handle((found, failure) -> {
                if (failure != null) {
                    VfsError e = VfsException.errorOf(failure);
                    if (e == VfsError.NOENT || e == VfsError.NOTDIR || e == VfsError.NAMETOOLONG || e == VfsError.INVAL) {
                        return DirListing.empty();
                    }
                    throw Failures.propagate(failure);
                }
                return found.attrs().isDirectory() ? DirListing.folder(folder, found.fh()) : DirListing.empty();
            });
        } else if (slash == 0) {
            // The prefix asks for an empty name here: no key can match.
            listing = CompletableFuture.completedFuture(DirListing.empty());
        } else {
            listing = reader.read(cred, frame.dir);
        }
        listing.whenComplete((read, failure) -> {
            if (failure != null) {
                frame.failure = failure;
            } else {
                frame.listing = read;
            }
            loop.signal();
        });
    }

    private void failed(Frame frame) {
        VfsError e = VfsException.errorOf(frame.failure);
        if (!frame.root && (e == VfsError.ACCES || e == VfsError.PERM || e == VfsError.NOENT || e == VfsError.STALE
                || e == VfsError.NOTDIR)) {
            stack.pop();
            return;
        }
        done.completeExceptionally(frame.failure);
    }

    /** Handles the {@code i}th entry of {@code frame}'s listing: a key, a common prefix, a folder to enter, or nothing. */
    private void visit(Frame frame, int i) {
        DirListing listing = frame.listing;
        byte[] entry = listing.key(i);
        boolean folder = listing.folder(i);
        if (frame.relativePrefix.length > 0) {
            int cut = KeyBytes.compareCut(entry, frame.relativePrefix);
            if (cut > 0) {
                frame.next = listing.size();
                return;
            }
            if (cut < 0) {
                if (folder && KeyBytes.startsWith(frame.relativePrefix, entry)) {
                    enter(frame, entry, listing.handle(i));
                }
                return;
            }
        }
        byte[] key = KeyBytes.concat(frame.path, entry);
        int rollUp = range.rollUp(key);
        if (rollUp >= 0) {
            byte[] common = Arrays.copyOf(key, rollUp);
            if (range.afterMarker(common) && !Arrays.equals(common, lastRollUp)) {
                lastRollUp = common;
                found.add(new Listed(common, null, true));
            }
            // Every later sibling starting the same way rolls up into the same prefix.
            frame.next = listing.endOfRun(KeyBytes.tail(common, frame.path.length), i + 1);
            return;
        }
        if (folder) {
            enter(frame, entry, listing.handle(i));
        } else if (range.afterMarker(key)) {
            found.add(new Listed(key, listing.handle(i), false));
        }
    }

    /**
     * Places a freshly read frame at the first entry the range can start at. A folder with no
     * entries at all, inside the prefix, is itself the key "folder/".
     */
    private void position(Frame frame) {
        frame.positioned = true;
        DirListing listing = frame.listing;
        int start = frame.relativePrefix.length > 0 ? listing.seek(frame.relativePrefix) : 0;
        byte[] marker = range.marker();
        if (marker.length > 0) {
            if (KeyBytes.startsWith(marker, frame.path)) {
                start = Math.max(start, listing.seek(KeyBytes.tail(marker, frame.path.length)));
            } else if (KeyBytes.compare(frame.path, marker) < 0) {
                start = listing.size();
            }
        }
        frame.next = start;
        if (listing.vacant() && !frame.root && KeyBytes.startsWith(frame.path, range.prefix())
                && range.afterMarker(frame.path)) {
            found.add(new Listed(frame.path, frame.dir, false));
        }
    }

    private void enter(Frame parent, byte[] entry, FileHandle fh) {
        stack.push(new Frame(KeyBytes.concat(parent.path, entry), fh, false, range.prefix()));
    }

    private static int indexOfSlash(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == DirListing.SLASH) {
                return i;
            }
        }
        return -1;
    }
}
