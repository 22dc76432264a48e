package io.manticore.protocol.smb.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.lease.LeaseManager;
import io.manticore.api.vfs.Vfs;

/** Closes opens: drops their share reservations, locks and leases, and deletes a file marked delete-on-close. */
public final class Closer {

    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private Closer() {
    }

    /** Closes {@code open} of {@code session}; completes when a pending delete is done (its failure is logged). */
    public static CompletionStage<Void> close(Vfs vfs, LeaseManager leases, Session session, Open open) {
        if (session.remove(open.id()) == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (open.pipe() != null) {
            open.pipe().close();
            return CompletableFuture.completedFuture(null);
        }
        leases.releaseOwner(open.owner());
        CachingGrant caching = open.caching();
        if (caching != null) {
            caching.closed();
        }
        for (ByteRangeLocks.Held lock : open.byteLocks().removeAll()) {
            if (lock.owner() != null) {
                leases.releaseOwner(lock.owner());
            }
        }
        if (!open.deleteOnClose() || !session.isValid()) {
            return CompletableFuture.completedFuture(null);
        }
        var removal = open.isDirectory() ? vfs.rmdir(session.cred(), open.parent(), open.name())
                : vfs.remove(session.cred(), open.parent(), open.name());
        return removal.handle((wcc, failure) -> {
            if (failure != null) {
                LOG.debug("SMB delete-on-close of {} failed: {}", open.path(), failure.toString());
            }
            return null;
        });
    }

    /** Closes every open of {@code tree} (TREE_DISCONNECT). */
    public static CompletionStage<Void> closeTree(Vfs vfs, LeaseManager leases, Session session, TreeConnect tree) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Open open : session.opens()) {
            if (open.tree() == tree) {
                closing.add(close(vfs, leases, session, open).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /** Closes every open of {@code session} (LOGOFF, a dropped connection). */
    public static CompletionStage<Void> closeAll(Vfs vfs, LeaseManager leases, Session session) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Open open : session.opens()) {
            closing.add(close(vfs, leases, session, open).toCompletableFuture());
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }
}
