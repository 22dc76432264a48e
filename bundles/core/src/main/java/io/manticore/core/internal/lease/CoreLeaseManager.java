package io.manticore.core.internal.lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseBreaker;
import io.manticore.api.lease.LeaseInfo;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockResult;
import io.manticore.api.lease.LockStatus;
import io.manticore.api.lease.ShareInfo;
import io.manticore.api.lease.ShareMode;
import io.manticore.api.lease.ShareResult;
import io.manticore.api.vfs.FileHandle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease manager: byte-range locks per file (share reservations in {@link ShareTable}, caching
 * leases in {@link LeaseTable}), each file's state guarded by its own monitor in
 * a concurrent table and dropped when empty. Waiting requests are completed after the monitor
 * is let go, on the thread whose call decided them. Lock order: a file's monitor, then the
 * wait-for graph's; never two files' monitors at once. Usable without OSGi: construct it and
 * {@link #close()} it.
 */
@Component(immediate = true, service = LeaseManager.class)
public final class CoreLeaseManager implements LeaseManager, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoreLeaseManager.class);
    /** MS-SMB2 3.3.2.5: 35 s for an oplock or lease break to be acknowledged. */
    public static final Duration DEFAULT_BREAK_TIMEOUT = Duration.ofSeconds(35);

    private final PerFile<FileLocks> files = new PerFile<>(FileLocks::new);
    private final WaitForGraph graph = new WaitForGraph();
    private final LockLimits limits;
    private final ClientCounts counts;
    private final ShareTable shares;
    private final LeaseTable leases;

    @Activate
    public CoreLeaseManager() {
        this(LockLimits.DEFAULTS);
        LOG.info("Lease manager started ({} locks per client, {} waiters per file)",
                limits.maxLocksPerClient(), limits.maxWaitersPerFile());
    }

    public CoreLeaseManager(LockLimits limits) {
        this(limits, DEFAULT_BREAK_TIMEOUT);
    }

    /** @param breakTimeout how long a lease break waits for its holder before the lease is revoked */
    public CoreLeaseManager(LockLimits limits, Duration breakTimeout) {
        this.limits = limits;
        this.counts = new ClientCounts(limits.maxLocksPerClient());
        this.shares = new ShareTable(counts);
        this.leases = new LeaseTable(counts, shares, breakTimeout);
    }

    @Override
    public Optional<LockInfo> testLock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        Held wanted = wanted(file, owner, range, exclusive);
        return onFile(file, false, Optional.empty(), (locks, decided) -> {
            Held conflict = locks.conflict(wanted);
            return conflict == null ? Optional.empty() : Optional.of(conflict.info(file));
        });
    }

    @Override
    public LockResult lock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive, boolean wait) {
        Held wanted = wanted(file, owner, range, exclusive);
        LockResult result = onFile(file, true, null, (locks, decided) -> {
            Held conflict = locks.conflict(wanted);
            if (conflict == null) {
                return grant(locks, wanted, decided) ? LockResult.granted() : LockResult.noLocks();
            }
            if (!wait) {
                return LockResult.denied(conflict.info(file));
            }
            return enqueue(locks, wanted, conflict);
        });
        if (result.status() == LockStatus.NO_LOCKS || result.status() == LockStatus.DEADLOCK) {
            LOG.debug("Lock {} {} of {} on {}: {}", exclusive ? "exclusive" : "shared", range, owner, file, result.status());
        }
        return result;
    }

    @Override
    public boolean unlock(FileHandle file, LockOwner owner, LockRange range) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(range, "range");
        return onFile(file, false, true, (locks, decided) -> {
            List<Held> mine = locks.heldBy(owner);
            if (mine.isEmpty()) {
                return true;
            }
            List<Held> after = PosixRanges.unlock(mine, range.offset(), range.last());
            if (!counts.tryAdd(owner, after.size() - mine.size())) {
                return false;
            }
            locks.replace(owner, after);
            reconsider(locks, decided);
            return true;
        });
    }

    @Override
    public boolean cancelLock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        Held wanted = wanted(file, owner, range, exclusive);
        return onFile(file, false, false, (locks, decided) -> {
            Waiter waiter = locks.waiter(wanted);
            if (waiter == null) {
                return false;
            }
            withdraw(locks, waiter, decided);
            return true;
        });
    }

    @Override
    public ShareResult share(FileHandle file, LockOwner owner, ShareMode mode) {
        return shares.share(file, owner, mode);
    }

    @Override
    public boolean unshare(FileHandle file, LockOwner owner) {
        return shares.unshare(file, owner);
    }

    @Override
    public List<ShareInfo> shares() {
        return shares.all();
    }

    @Override
    public Lease acquireLease(FileHandle file, LockOwner key, LeaseState wanted, LeaseBreaker breaker) {
        return leases.acquire(file, key, wanted, breaker);
    }

    @Override
    public CompletionStage<Void> breakLeases(FileHandle file, LockOwner requester, LeaseState allowed) {
        return leases.breakLeases(file, requester, allowed);
    }

    @Override
    public List<LeaseInfo> leases() {
        return leases.all();
    }

    @Override
    public int releaseOwner(LockOwner owner) {
        Objects.requireNonNull(owner, "owner");
        return release(owner::equals) + shares.release(owner::equals) + leases.release(owner::equals);
    }

    @Override
    public int releaseClient(String protocol, String clientId) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(clientId, "clientId");
        Predicate<LockOwner> ofClient = owner -> owner.belongsTo(protocol, clientId);
        return release(ofClient) + shares.release(ofClient) + leases.release(ofClient);
    }

    @Override
    public List<LockInfo> locks() {
        List<LockInfo> all = new ArrayList<>();
        for (FileHandle file : files.files()) {
            all.addAll(locks(file));
        }
        return all;
    }

    @Override
    public List<LockInfo> locks(FileHandle file) {
        return onFile(file, false, List.of(), (locks, decided) -> locks.snapshot());
    }

    @Deactivate
    void deactivate() {
        close();
        LOG.info("Lease manager stopped");
    }

    /** Cancels every waiting request and drops every lock, share reservation and lease. */
    @Override
    public void close() {
        release(owner -> true);
        shares.release(owner -> true);
        leases.release(owner -> true);
    }

    /** Cancels {@code waiter} if it still waits (for {@link Waiter#cancel()}). */
    boolean cancel(Waiter waiter) {
        FileLocks locks = waiter.locks();
        synchronized (locks) {
            if (!waiter.isWaiting()) {
                return false;
            }
            withdraw(locks, waiter, new ArrayList<>(1));
            files.dropIfEmpty(locks);
        }
        waiter.deliver();
        return true;
    }

    /** Held locks plus waiting requests of the client {@code clientId} of {@code protocol}. */
    int clientCount(String protocol, String clientId) {
        return counts.count(protocol, clientId);
    }

    /** True when no file has state, no client is counted and no request waits. */
    boolean isIdle() {
        return files.isEmpty() && shares.isEmpty() && leases.isEmpty() && counts.clients() == 0 && graph.size() == 0;
    }

    private static Held wanted(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(range, "range");
        return Held.of(owner, range, exclusive);
    }

    /**
     * Runs {@code action} under the monitor of {@code file}'s state (created when
     * {@code create}, else {@code absent} is the answer when there is none), drops the state if
     * it is left empty, then delivers the waiters the action decided.
     */
    private <T> T onFile(FileHandle file, boolean create, T absent, BiFunction<FileLocks, List<Waiter>, T> action) {
        List<Waiter> decided = new ArrayList<>();
        T result = files.on(file, create, absent, locks -> action.apply(locks, decided));
        decided.forEach(Waiter::deliver);
        return result;
    }

    /** Gives {@code wanted} to its owner unless that passes the client's bound. */
    private boolean grant(FileLocks locks, Held wanted, List<Waiter> decided) {
        List<Held> mine = locks.heldBy(wanted.owner());
        List<Held> after = PosixRanges.lock(mine, wanted);
        if (!counts.tryAdd(wanted.owner(), after.size() - mine.size())) {
            return false;
        }
        locks.replace(wanted.owner(), after);
        reconsider(locks, decided);
        return true;
    }

    private LockResult enqueue(FileLocks locks, Held wanted, Held conflict) {
        LockInfo conflictInfo = conflict.info(locks.file());
        Waiter same = locks.waiter(wanted);
        if (same != null) {
            return LockResult.blocked(conflictInfo, same);
        }
        if (locks.waiterCount() >= limits.maxWaitersPerFile() || !counts.tryAdd(wanted.owner(), 1)) {
            return LockResult.noLocks();
        }
        Waiter waiter = new Waiter(this, locks, wanted);
        if (!graph.addUnlessDeadlock(waiter, locks.blockers(wanted))) {
            counts.add(wanted.owner(), -1);
            return LockResult.deadlock(conflictInfo);
        }
        locks.addWaiter(waiter);
        return LockResult.blocked(conflictInfo, waiter);
    }

    /**
     * After the held locks of a file changed: grants, in arrival order, each waiting request
     * that no longer conflicts, again until none does (a grant can downgrade its owner's locks
     * and free an earlier waiter), then tells the graph what the others now wait for.
     */
    private void reconsider(FileLocks locks, List<Waiter> decided) {
        if (!locks.hasWaiters()) {
            return;
        }
        List<Waiter> granted = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Waiter waiter : locks.waiters()) {
                if (locks.conflict(waiter.wanted()) == null) {
                    LockOwner owner = waiter.owner();
                    List<Held> mine = locks.heldBy(owner);
                    List<Held> after = PosixRanges.lock(mine, waiter.wanted());
                    // the waiter was counted as one lock; its grant may split its owner's own locks
                    counts.add(owner, after.size() - mine.size() - 1);
                    locks.replace(owner, after);
                    locks.removeWaiter(waiter);
                    waiter.decide(LockStatus.GRANTED);
                    granted.add(waiter);
                    progress = true;
                }
            }
        }
        Map<Waiter, Set<LockOwner>> still = new HashMap<>();
        for (Waiter waiter : locks.waiters()) {
            still.put(waiter, locks.blockers(waiter.wanted()));
        }
        graph.update(granted, still);
        decided.addAll(granted);
    }

    private void withdraw(FileLocks locks, Waiter waiter, List<Waiter> decided) {
        locks.removeWaiter(waiter);
        waiter.decide(LockStatus.CANCELLED);
        graph.update(List.of(waiter), Map.of());
        counts.add(waiter.owner(), -1);
        decided.add(waiter);
    }

    private int release(Predicate<LockOwner> which) {
        int released = 0;
        for (FileHandle file : files.files()) {
            released += onFile(file, false, 0, (locks, decided) -> {
                int count = 0;
                for (Waiter waiter : locks.waiters()) {
                    if (which.test(waiter.owner())) {
                        withdraw(locks, waiter, decided);
                        count++;
                    }
                }
                boolean changed = false;
                for (LockOwner owner : locks.owners()) {
                    if (which.test(owner)) {
                        int held = locks.heldBy(owner).size();
                        counts.add(owner, -held);
                        locks.replace(owner, List.of());
                        count += held;
                        changed = true;
                    }
                }
                if (changed) {
                    reconsider(locks, decided);
                }
                return count;
            });
        }
        return released;
    }
}
