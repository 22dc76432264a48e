package io.manticore.protocol.smb.internal.session;

import java.util.Arrays;

import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseBreaker;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.vfs.FileHandle;

/**
 * An oplock of one open, or a lease shared by the opens of one client under one lease key
 * (MS-SMB2 3.3.1.4), held in core's lease manager. When core breaks it, it tells the client
 * through {@link BreakNotifier} and, where MS-SMB2 expects no acknowledgement (a break from R
 * alone), acknowledges at once.
 */
public final class CachingGrant implements LeaseBreaker {

    /** Sends the OPLOCK_BREAK or LEASE_BREAK notification of a break. */
    public interface BreakNotifier {

        void notify(CachingGrant grant, LeaseState from, LeaseState to, boolean ackRequired);
    }

    private final LockOwner key;
    private final FileHandle file;
    private final byte[] leaseKey;
    private final int version;
    private final BreakNotifier notifier;
    private final LeaseGrants registry;
    private volatile Lease lease;
    private volatile FileId oplockFile;
    private int epoch;
    private int opens;

    private CachingGrant(LockOwner key, FileHandle file, byte[] leaseKey, int version, BreakNotifier notifier,
                         LeaseGrants registry) {
        this.key = key;
        this.file = file;
        this.leaseKey = leaseKey;
        this.version = version;
        this.notifier = notifier;
        this.registry = registry;
    }

    /** An oplock of one open. */
    public static CachingGrant oplock(LockOwner key, FileHandle file, BreakNotifier notifier) {
        return new CachingGrant(key, file, null, 0, notifier, null);
    }

    /** A lease of {@code version} 1 or 2 under {@code leaseKey} (16 bytes), kept in {@code registry} while opens hold it. */
    public static CachingGrant lease(LockOwner key, FileHandle file, byte[] leaseKey, int version, BreakNotifier notifier,
                                     LeaseGrants registry) {
        return new CachingGrant(key, file, leaseKey.clone(), version, notifier, registry);
    }

    /** One open holding this grant closed: an oplock goes with it, a lease with its last open. */
    public void closed() {
        Lease held = lease;
        if ((registry == null || registry.leave(this)) && held != null) {
            held.release();
        }
    }

    @Override
    public void breakLease(Lease broken, LeaseState to) {
        LeaseState from = broken.state();
        // MS-SMB2 3.3.4.6/3.3.4.7: a break from level II (R) needs no acknowledgement; one from W or H does.
        boolean ackRequired = from.has(LeaseState.WRITE) || from.has(LeaseState.HANDLE);
        if (isLease()) {
            synchronized (this) {
                epoch++;
            }
        }
        notifier.notify(this, from, to, ackRequired);
        if (!ackRequired) {
            broken.acknowledge(to);
        }
    }

    public boolean isLease() {
        return leaseKey != null;
    }

    public LockOwner key() {
        return key;
    }

    public FileHandle file() {
        return file;
    }

    public byte[] leaseKey() {
        return leaseKey == null ? null : leaseKey.clone();
    }

    public boolean leaseKeyIs(byte[] other) {
        return leaseKey != null && Arrays.equals(leaseKey, other);
    }

    public int version() {
        return version;
    }

    public synchronized int epoch() {
        return epoch;
    }

    public Lease lease() {
        return lease;
    }

    public void lease(Lease held) {
        lease = held;
    }

    /** The open an oplock belongs to, for its break notification. */
    public FileId oplockFile() {
        return oplockFile;
    }

    public void oplockFile(FileId id) {
        oplockFile = id;
    }

    /** Counts one more open sharing this lease. */
    synchronized void joined() {
        opens++;
    }

    /** Counts one open fewer; true when it was the last. */
    synchronized boolean left() {
        return --opens <= 0;
    }
}
