package io.manticore.api.lease;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.FileHandle;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's lease manager, one for every protocol. This version keeps advisory byte-range locks
 * with POSIX (fcntl) semantics, as NLM and NFSv4 need them:
 * <ul>
 * <li>a shared lock conflicts with an overlapping exclusive lock of another owner, an exclusive
 * lock with any overlapping lock of another owner; locks of one owner never conflict;</li>
 * <li>an owner's lock over a range it already holds replaces the type on that range (upgrade or
 * downgrade), splitting its locks around it; an owner's adjacent or overlapping ranges of one
 * type are coalesced; an unlock of part of a lock splits it;</li>
 * <li>a request waits behind held locks only, never behind other waiting requests; when locks
 * go away, waiting requests are examined in arrival order and each that no longer conflicts is
 * granted (so earlier ones are served first among those that conflict with each other);</li>
 * <li>a request that would wait is refused with {@link LockStatus#DEADLOCK} when an owner it
 * would wait for waits, directly or through other owners, for its own owner (across all files).
 * Each owner is taken as one thread of control, as POSIX takes a process: a cycle that closes
 * when an owner that already has a request waiting is granted another lock goes unreported;</li>
 * <li>locks and waiting requests of one client ({@link LockOwner#protocol()} and
 * {@link LockOwner#clientId()}) and waiting requests on one file are bounded: a request past a
 * bound gets {@link LockStatus#NO_LOCKS}. A request that does not add to the client's count is
 * never refused; a waiting request counts as one lock, and its grant may add one more when it
 * splits one of its owner's own locks.</li>
 * </ul>
 * Every method may be called from any thread, including event loops: none waits for I/O or for
 * another request. Ranges are unsigned, see {@link LockRange}.
 *
 * <p>It also keeps share reservations ({@link ShareMode}): one per owner and file, refused when
 * it denies what another owner's reservation on the file does or does what one denies. They
 * count with the owner's client's locks against the same bound.
 *
 * <p>And it keeps caching leases ({@link LeaseState}: NFSv4 delegations, SMB leases and oplocks),
 * one per key and file, granted without breaking anything and broken by conflicting access from
 * any protocol ({@link #breakLeases}); they count against the same bound.
 */
@ProviderType
public interface LeaseManager {

    /**
     * The held lock with the lowest offset that a lock by {@code owner} on {@code range} would
     * conflict with (NLM4 TEST), or empty when it would be granted. Waiting requests are not
     * reported.
     */
    Optional<LockInfo> testLock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive);

    /**
     * Locks {@code range} for {@code owner} (NLM4 LOCK). Without {@code wait}, answers
     * GRANTED, DENIED or NO_LOCKS. With {@code wait}, a conflicting request answers BLOCKED with
     * a {@link PendingLock} whose completion says when it is granted, or DEADLOCK, or NO_LOCKS.
     * A waiting request identical to one the owner already has waiting (same file, range and
     * type: a client repeating its blocked LOCK) answers BLOCKED with that same PendingLock.
     */
    LockResult lock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive, boolean wait);

    /**
     * Releases {@code owner}'s locks on {@code range} (NLM4 UNLOCK), splitting a lock that
     * reaches beyond it; releasing a range with no lock is not an error. False, with nothing
     * changed, only when the split would pass the client's bound on locks. Waiting requests of
     * the owner are left alone (see {@link #cancelLock}).
     */
    boolean unlock(FileHandle file, LockOwner owner, LockRange range);

    /**
     * Cancels {@code owner}'s waiting request for exactly this range and type (NLM4 CANCEL),
     * as {@link PendingLock#cancel()} does. False when there is no such waiting request.
     */
    boolean cancelLock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive);

    /**
     * Reserves {@code mode} on {@code file} for {@code owner} (NFSv4 OPEN, SMB CREATE, NLM4
     * SHARE), replacing the owner's reservation on the file, if any (an upgrade or downgrade),
     * unless another owner's reservation conflicts: DENIED with that one, nothing changed.
     * NO_LOCKS when a new reservation would pass the client's bound.
     */
    ShareResult share(FileHandle file, LockOwner owner, ShareMode mode);

    /** Drops {@code owner}'s reservation on {@code file} (CLOSE, NLM4 UNSHARE); false when it had none. */
    boolean unshare(FileHandle file, LockOwner owner);

    /** Every share reservation, for the shell, file by file. */
    List<ShareInfo> shares();

    /**
     * Grants {@code key} the largest part of {@code wanted} that no other key's lease or
     * reservation on {@code file} rules out, breaking nothing: R and H unless another key holds
     * or is being broken from W; W only when no other key holds a lease and no other client holds
     * a share reservation that reads or writes. A key that has a lease on the file gets it back
     * widened (never narrowed; unchanged while it is being broken). The state of the returned
     * lease may be NONE: then nothing is held. {@code breaker} is told when the lease must shrink.
     * A new lease past the client's bound is NONE.
     */
    Lease acquireLease(FileHandle file, LockOwner key, LeaseState wanted, LeaseBreaker breaker);

    /**
     * Shrinks every lease on {@code file} of a key other than {@code requester} (null for a
     * caller that holds no lease: NFSv3, S3) to what {@code allowed} keeps of it: a write keeps
     * NONE, another opener R or RH, a rename or delete of the file drops H. The stage completes
     * when each such lease has acknowledged, been released, or been revoked after the break
     * timeout (with a log line); at once when there is nothing to break. Never blocks.
     */
    CompletionStage<Void> breakLeases(FileHandle file, LockOwner requester, LeaseState allowed);

    /** Every lease, for the shell, file by file. */
    List<LeaseInfo> leases();

    /**
     * Releases every lock, share reservation and lease of {@code owner} (as a lease key, too) on
     * every file and cancels its waiting requests; returns how many that was.
     */
    int releaseOwner(LockOwner owner);

    /**
     * Releases every lock, share reservation and lease of every owner of the client {@code clientId} of
     * {@code protocol} and cancels their waiting requests (NLM4 FREE_ALL, client expiry); returns
     * how many that was. Locks the client takes while this runs may survive it.
     */
    int releaseClient(String protocol, String clientId);

    /**
     * Every held lock and waiting request, for the shell: file by file, each file's held locks
     * by offset, then its waiting requests in arrival order.
     */
    List<LockInfo> locks();

    /** The held locks on {@code file} by offset, then its waiting requests in arrival order. */
    List<LockInfo> locks(FileHandle file);
}
