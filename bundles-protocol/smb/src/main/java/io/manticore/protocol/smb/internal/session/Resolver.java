package io.manticore.protocol.smb.internal.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/**
 * Finds names in folders the way Windows clients expect: exactly first, then, when the share is
 * case-insensitive, the entry whose name equals ignoring case (the first such, in folder order),
 * keeping the case it was created with. The scan of a folder stops after {@value #MAX_SCAN} entries.
 */
public final class Resolver {

    private static final int MAX_SCAN = 1_000_000;
    private static final int PAGE = 1024;

    private final Vfs vfs;
    private final boolean caseInsensitive;
    private final FoldedNames folded;

    /** {@code folded} keeps the case-folded names of folders already scanned; null scans every time. */
    public Resolver(Vfs vfs, boolean caseInsensitive, FoldedNames folded) {
        this.vfs = vfs;
        this.caseInsensitive = caseInsensitive;
        this.folded = folded;
    }

    /** The folder holding the last of {@code components}, walking from {@code root}; OBJECT_PATH_NOT_FOUND when a folder is missing. */
    public CompletionStage<Lookup> parent(Cred cred, FileHandle root, List<String> components) {
        CompletionStage<Lookup> at = vfs.getattr(cred, root, AttrMask.ALL).thenApply(a -> new Lookup(root, a, null));
        for (int i = 0; i < components.size() - 1; i++) {
            String name = components.get(i);
            at = at.thenCompose(dir -> {
                if (!dir.attrs().isDirectory()) {
                    throw new SmbStatusException(NtStatus.OBJECT_PATH_NOT_FOUND, "not a folder on the path");
                }
                return find(cred, dir.fh(), name).thenApply(found -> {
                    if (found == null) {
                        throw new SmbStatusException(NtStatus.OBJECT_PATH_NOT_FOUND, "no folder " + name);
                    }
                    return found;
                });
            });
        }
        return at.thenApply(dir -> {
            if (!dir.attrs().isDirectory()) {
                throw new SmbStatusException(NtStatus.OBJECT_PATH_NOT_FOUND, "not a folder on the path");
            }
            return dir;
        });
    }

    /** The entry {@code name} of {@code dir}, or null (not a failure) when there is none. */
    public CompletionStage<Lookup> find(Cred cred, FileHandle dir, String name) {
        return entry(cred, dir, name).thenApply(e -> e == null ? null : e.lookup());
    }

    /** As {@link #find}, with the name the entry has in the folder, which may differ from {@code name} in case. */
    public CompletionStage<Entry> entry(Cred cred, FileHandle dir, String name) {
        return vfs.lookup(cred, dir, name, AttrMask.ALL).handle((found, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(new Entry(name, found));
            }
            if (!isNoEnt(failure)) {
                return CompletableFuture.<Entry>failedFuture(failure);
            }
            if (!caseInsensitive) {
                return CompletableFuture.<Entry>completedFuture(null);
            }
            if (folded == null) {
                return scan(cred, dir, name, 0, 0, 0).toCompletableFuture();
            }
            return vfs.getattr(cred, dir, AttrMask.ALL).thenCompose(attrs -> {
                String known = folded.find(dir, attrs.change(), name);
                if (known == null) {
                    return index(cred, dir, name, attrs.change(), FoldedNames.newScan(), 0, 0);
                }
                return known.isEmpty() ? CompletableFuture.<Entry>completedFuture(null) : named(cred, dir, known);
            }).toCompletableFuture();
        }).thenCompose(stage -> stage);
    }

    /** Scans the whole folder into an index of its folded names, keeps it, and answers from it. */
    private CompletionStage<Entry> index(Cred cred, FileHandle dir, String name, long change, Map<String, String> names,
                                         long cookie, long verifier) {
        return vfs.readdir(cred, dir, cookie, verifier, PAGE, AttrMask.NONE).thenCompose(page -> {
            for (DirEntry entry : page.entries()) {
                names.putIfAbsent(FoldedNames.fold(entry.name()), entry.name());
            }
            if (!page.eof() && !page.entries().isEmpty() && names.size() < MAX_SCAN) {
                long next = page.entries().get(page.entries().size() - 1).cookie();
                return index(cred, dir, name, change, names, next, page.verifier());
            }
            if (page.eof() || page.entries().isEmpty()) {
                folded.scanned(dir, change, names);
            }
            String known = names.get(FoldedNames.fold(name));
            return known == null ? CompletableFuture.<Entry>completedFuture(null) : named(cred, dir, known);
        });
    }

    private CompletionStage<Entry> named(Cred cred, FileHandle dir, String name) {
        return vfs.lookup(cred, dir, name, AttrMask.ALL).handle((l, failure) -> {
            if (failure == null) {
                return new Entry(name, l);
            }
            if (isNoEnt(failure)) {
                return null;
            }
            throw failure instanceof CompletionException e ? e : new CompletionException(failure);
        });
    }

    /** A folder entry found by {@link #entry}: its name in the folder and what it is. */
    public record Entry(String name, Lookup lookup) {
    }

    private CompletionStage<Entry> scan(Cred cred, FileHandle dir, String name, long cookie, long verifier, int seen) {
        return vfs.readdir(cred, dir, cookie, verifier, PAGE, AttrMask.NONE).thenCompose(page -> {
            for (DirEntry entry : page.entries()) {
                if (entry.name().equalsIgnoreCase(name)) {
                    return vfs.lookup(cred, dir, entry.name(), AttrMask.ALL).thenApply(l -> new Entry(entry.name(), l));
                }
            }
            int total = seen + page.entries().size();
            if (page.eof() || page.entries().isEmpty() || total >= MAX_SCAN) {
                return CompletableFuture.completedFuture(null);
            }
            long next = page.entries().get(page.entries().size() - 1).cookie();
            return scan(cred, dir, name, next, page.verifier(), total);
        });
    }

    public static boolean isNoEnt(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof VfsException e && e.error() == VfsError.NOENT;
    }
}
