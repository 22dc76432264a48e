package io.manticore.core.internal.lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseBreaker;
import io.manticore.api.lease.LeaseInfo;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.vfs.FileHandle;

/**
 * Caching leases by file ({@link PerFile}), one per key and file. Breakers are called, and
 * breaks completed, after the file's monitor is let go.
 */
final class LeaseTable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseTable.class);

    /** One file's leases. */
    private static final class FileLeases extends PerFile.State {
        final List<CoreLease> held = new ArrayList<>(2);

        FileLeases(FileHandle file) {
            super(file);
        }

        @Override
        boolean isEmpty() {
            return held.isEmpty();
        }

        CoreLease of(LockOwner key) {
            for (CoreLease lease : held) {
                if (lease.key().equals(key)) {
                    return lease;
                }
            }
            return null;
        }
    }

    /** A break decided under a file's monitor, to tell its holder once the monitor is let go. */
    private record Notice(CoreLease lease, LeaseState to) {
    }

    private final PerFile<FileLeases> files = new PerFile<>(FileLeases::new);
    private final ClientCounts counts;
    private final ShareTable shares;
    private final Duration breakTimeout;

    LeaseTable(ClientCounts counts, ShareTable shares, Duration breakTimeout) {
        this.counts = counts;
        this.shares = shares;
        this.breakTimeout = breakTimeout;
    }

    Lease acquire(FileHandle file, LockOwner key, LeaseState wanted, LeaseBreaker breaker) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(breaker, "breaker");
        boolean othersUse = wanted.has(LeaseState.WRITE) && shares.otherClientUses(file, key);
        return onFile(file, true, null, leases -> {
            CoreLease mine = leases.of(key);
            if (mine != null && mine.breakingTo != null) {
                return mine;
            }
            LeaseState grantable = grantable(leases, key, wanted, othersUse);
            if (mine != null) {
                mine.state = mine.state.union(grantable);
                return mine;
            }
            if (grantable.isNone() || !counts.tryAdd(key, 1)) {
                return new CoreLease(this, file, key, LeaseState.NONE, breaker);
            }
            CoreLease granted = new CoreLease(this, file, key, grantable, breaker);
            leases.held.add(granted);
            return granted;
        });
    }

    /** What {@code wanted} keeps beside the other keys' leases: nothing beside a writer, no W beside anyone. */
    private static LeaseState grantable(FileLeases leases, LockOwner key, LeaseState wanted, boolean othersUse) {
        boolean others = false;
        for (CoreLease other : leases.held) {
            if (other.key().equals(key)) {
                continue;
            }
            others = true;
            boolean writer = other.state.has(LeaseState.WRITE)
                    || (other.breakingTo != null && other.breakingTo.has(LeaseState.WRITE));
            if (writer || other.breakingTo != null) {
                return LeaseState.NONE;
            }
        }
        if (others || othersUse) {
            return wanted.intersect(new LeaseState(LeaseState.READ | LeaseState.HANDLE));
        }
        return wanted;
    }

    CompletionStage<Void> breakLeases(FileHandle file, LockOwner requester, LeaseState allowed) {
        Objects.requireNonNull(allowed, "allowed");
        List<Notice> notices = new ArrayList<>();
        List<CompletableFuture<Void>> waits = onFile(file, false, List.of(), leases -> {
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (CoreLease lease : leases.held) {
                if (lease.key().equals(requester)) {
                    continue;
                }
                LeaseState current = lease.breakingTo != null ? lease.breakingTo : lease.state;
                LeaseState target = current.intersect(allowed);
                if (target.equals(current)) {
                    if (lease.broken != null) {
                        pending.add(lease.broken);
                    }
                    continue;
                }
                if (lease.broken == null) {
                    lease.broken = new CompletableFuture<>();
                    watch(lease, lease.broken);
                }
                lease.breakingTo = target;
                notices.add(new Notice(lease, target));
                pending.add(lease.broken);
            }
            return pending;
        });
        for (Notice notice : notices) {
            try {
                notice.lease().breaker.breakLease(notice.lease(), notice.to());
            } catch (RuntimeException e) {
                LOG.warn("Breaking {} failed: {}", notice.lease(), e.toString());
            }
        }
        if (waits.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    }

    /** Revokes {@code lease} when its break is not acknowledged within the break timeout. */
    private void watch(CoreLease lease, CompletableFuture<Void> broken) {
        CompletableFuture.runAsync(() -> {
            if (!broken.isDone()) {
                release(lease, "revoked: its break was not acknowledged within " + breakTimeout.toSeconds() + " s");
            }
        }, CompletableFuture.delayedExecutor(breakTimeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    boolean acknowledge(CoreLease lease, LeaseState to) {
        Objects.requireNonNull(to, "to");
        AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();
        boolean accepted = onFile(lease.file(), false, false, leases -> {
            if (!leases.held.contains(lease)) {
                return false;
            }
            LeaseState bound = lease.breakingTo != null ? lease.breakingTo : lease.state;
            if (!to.within(bound)) {
                return false;
            }
            lease.state = to;
            lease.breakingTo = null;
            done.set(lease.broken);
            lease.broken = null;
            if (to.isNone()) {
                drop(leases, lease);
            }
            return true;
        });
        if (done.get() != null) {
            done.get().complete(null);
        }
        return accepted;
    }

    void release(CoreLease lease, String why) {
        AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();
        boolean dropped = onFile(lease.file(), false, false, leases -> {
            if (!leases.held.contains(lease)) {
                return false;
            }
            done.set(lease.broken);
            drop(leases, lease);
            return true;
        });
        if (dropped && why.startsWith("revoked")) {
            LOG.warn("Lease {} {}", lease, why);
        }
        if (done.get() != null) {
            done.get().complete(null);
        }
    }

    List<LeaseInfo> all() {
        List<LeaseInfo> all = new ArrayList<>();
        for (FileHandle file : files.files()) {
            all.addAll(onFile(file, false, List.<LeaseInfo>of(), leases -> leases.held.stream().map(CoreLease::info).toList()));
        }
        return all;
    }

    /** Drops the leases of the keys {@code which} accepts, completing their breaks; returns how many. */
    int release(Predicate<LockOwner> which) {
        int released = 0;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (FileHandle file : files.files()) {
            released += onFile(file, false, 0, leases -> {
                int count = 0;
                for (CoreLease lease : List.copyOf(leases.held)) {
                    if (which.test(lease.key())) {
                        if (lease.broken != null) {
                            done.add(lease.broken);
                        }
                        drop(leases, lease);
                        count++;
                    }
                }
                return count;
            });
        }
        done.forEach(d -> d.complete(null));
        return released;
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    private void drop(FileLeases leases, CoreLease lease) {
        leases.held.remove(lease);
        lease.state = LeaseState.NONE;
        lease.breakingTo = null;
        lease.broken = null;
        counts.add(lease.key(), -1);
    }

    private <T> T onFile(FileHandle file, boolean create, T absent, Function<FileLeases, T> action) {
        return files.on(file, create, absent, action);
    }
}
