package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.Lease;
import io.manticore.api.lease.LeaseBreaker;
import io.manticore.api.lease.LeaseInfo;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LeaseState;
import io.manticore.api.lease.LockInfo;
import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.LockRange;
import io.manticore.api.lease.LockResult;
import io.manticore.api.lease.ShareInfo;
import io.manticore.api.lease.ShareMode;
import io.manticore.api.lease.ShareResult;
import io.manticore.api.vfs.FileHandle;

/** A LeaseManager answering {@link #locks()}, {@link #shares()} and {@link #leases()} with fixed records; the shell never locks or unlocks. */
final class FixedLeaseManager implements LeaseManager {

    final List<LockInfo> locks = new ArrayList<>();
    final List<ShareInfo> shares = new ArrayList<>();
    final List<LeaseInfo> leases = new ArrayList<>();

    @Override
    public List<ShareInfo> shares() {
        return List.copyOf(shares);
    }

    @Override
    public Lease acquireLease(FileHandle file, LockOwner key, LeaseState wanted, LeaseBreaker breaker) {
        throw new UnsupportedOperationException("the shell only reads leases");
    }

    @Override
    public CompletionStage<Void> breakLeases(FileHandle file, LockOwner requester, LeaseState allowed) {
        throw new UnsupportedOperationException("the shell only reads leases");
    }

    @Override
    public List<LeaseInfo> leases() {
        return List.copyOf(leases);
    }

    @Override
    public ShareResult share(FileHandle file, LockOwner owner, ShareMode mode) {
        throw new UnsupportedOperationException("the shell only reads shares");
    }

    @Override
    public boolean unshare(FileHandle file, LockOwner owner) {
        throw new UnsupportedOperationException("the shell only reads shares");
    }

    @Override
    public List<LockInfo> locks() {
        return List.copyOf(locks);
    }

    @Override
    public List<LockInfo> locks(FileHandle file) {
        return locks.stream().filter(l -> l.file().equals(file)).toList();
    }

    @Override
    public Optional<LockInfo> testLock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        throw new UnsupportedOperationException("the shell only reads locks");
    }

    @Override
    public LockResult lock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive, boolean wait) {
        throw new UnsupportedOperationException("the shell only reads locks");
    }

    @Override
    public boolean unlock(FileHandle file, LockOwner owner, LockRange range) {
        throw new UnsupportedOperationException("the shell only reads locks");
    }

    @Override
    public boolean cancelLock(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        throw new UnsupportedOperationException("the shell only reads locks");
    }

    @Override
    public int releaseOwner(LockOwner owner) {
        throw new UnsupportedOperationException("the shell only reads locks");
    }

    @Override
    public int releaseClient(String protocol, String clientId) {
        throw new UnsupportedOperationException("the shell only reads locks");
    }
}
