package io.manticore.protocol.nfs4.internal.fh;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.nfscommon.internal.export.Export;

/**
 * The VFS handle of each export's root, kept from its last resolution: LOOKUPP and
 * mounted_on_fileid must tell an export's root from its other directories on every call.
 */
public final class ExportRoots {

    /** Past this many paths (exports come and go with the configuration) the cache starts over. */
    private static final int MAX_ENTRIES = 1024;

    private final Vfs vfs;
    private final ConcurrentHashMap<String, FileHandle> byPath = new ConcurrentHashMap<>();

    public ExportRoots(Vfs vfs) {
        this.vfs = vfs;
    }

    /**
     * The root of {@code export}, resolved afresh (a LOOKUP into the export: a directory made
     * again under the exported path has a new handle); NOENT and the like when it does not resolve.
     */
    public CompletionStage<FileHandle> root(Export export) {
        // The namespace path is the server's own, so it is resolved with every right.
        return vfs.resolve(Cred.ROOT, export.path()).thenApply(found -> {
            if (byPath.size() >= MAX_ENTRIES) {
                byPath.clear();
            }
            byPath.put(export.path(), found.fh());
            return found.fh();
        });
    }

    /** True when {@code file} is the root of its export, from the root last resolved. */
    public CompletionStage<Boolean> isRoot(ExportFh file) {
        FileHandle known = byPath.get(file.export().path());
        if (known != null) {
            return CompletableFuture.completedFuture(known.equals(file.fh()));
        }
        return root(file.export()).thenApply(root -> root.equals(file.fh()));
    }
}
