package io.manticore.api.lease;

import io.manticore.api.vfs.FileHandle;
import org.osgi.annotation.versioning.ProviderType;

/** A caching lease a client holds on a file, under its lease key (see {@link LeaseManager#acquireLease}). */
@ProviderType
public interface Lease {

    FileHandle file();

    /** The lease key: an SMB lease key or oplock's open, an NFSv4 client and file. */
    LockOwner key();

    /** The rights held now; NONE once released, revoked or broken to nothing. */
    LeaseState state();

    /** What a break in progress asks the lease to shrink to, or null when none is. */
    LeaseState breakingTo();

    /**
     * The holder keeps only {@code to}: during a break, {@code to} must be within what the break
     * asks (it completes the break); otherwise it is a voluntary downgrade within the state held.
     * False, with nothing changed, when {@code to} asks for more, or when the lease was already
     * released or revoked (the client answered too late).
     */
    boolean acknowledge(LeaseState to);

    /** Gives the lease up (CLOSE of its last open, DELEGRETURN); completes a break in progress. */
    void release();
}
