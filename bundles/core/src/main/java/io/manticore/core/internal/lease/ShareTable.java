package io.manticore.core.internal.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import io.manticore.api.lease.LockOwner;
import io.manticore.api.lease.ShareInfo;
import io.manticore.api.lease.ShareMode;
import io.manticore.api.lease.ShareResult;
import io.manticore.api.vfs.FileHandle;

/**
 * Share reservations by file ({@link PerFile}), one per owner and file; every reservation
 * counts as one of its client's locks.
 */
final class ShareTable {

    /** One file's reservations. */
    private static final class FileShares extends PerFile.State {
        final List<ShareInfo> held = new ArrayList<>(2);

        FileShares(FileHandle file) {
            super(file);
        }

        @Override
        boolean isEmpty() {
            return held.isEmpty();
        }

        int indexOf(LockOwner owner) {
            for (int i = 0; i < held.size(); i++) {
                if (held.get(i).owner().equals(owner)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final PerFile<FileShares> files = new PerFile<>(FileShares::new);
    private final ClientCounts counts;

    ShareTable(ClientCounts counts) {
        this.counts = counts;
    }

    ShareResult share(FileHandle file, LockOwner owner, ShareMode mode) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(mode, "mode");
        return onFile(file, true, null, shares -> {
            for (ShareInfo other : shares.held) {
                if (!other.owner().equals(owner) && other.mode().conflictsWith(mode)) {
                    return ShareResult.denied(other);
                }
            }
            ShareInfo granted = new ShareInfo(file, owner, mode);
            int mine = shares.indexOf(owner);
            if (mine >= 0) {
                shares.held.set(mine, granted);
                return ShareResult.granted();
            }
            if (!counts.tryAdd(owner, 1)) {
                return ShareResult.noLocks();
            }
            shares.held.add(granted);
            return ShareResult.granted();
        });
    }

    boolean unshare(FileHandle file, LockOwner owner) {
        Objects.requireNonNull(owner, "owner");
        return onFile(file, false, false, shares -> {
            int mine = shares.indexOf(owner);
            if (mine < 0) {
                return false;
            }
            shares.held.remove(mine);
            counts.add(owner, -1);
            return true;
        });
    }

    List<ShareInfo> all() {
        List<ShareInfo> all = new ArrayList<>();
        for (FileHandle file : files.files()) {
            all.addAll(onFile(file, false, List.<ShareInfo>of(), shares -> List.copyOf(shares.held)));
        }
        return all;
    }

    /** Drops the reservations of the owners {@code which} accepts; returns how many. */
    int release(Predicate<LockOwner> which) {
        int released = 0;
        for (FileHandle file : files.files()) {
            released += onFile(file, false, 0, shares -> {
                int before = shares.held.size();
                shares.held.removeIf(s -> {
                    boolean drop = which.test(s.owner());
                    if (drop) {
                        counts.add(s.owner(), -1);
                    }
                    return drop;
                });
                return before - shares.held.size();
            });
        }
        return released;
    }

    /** True when a client other than {@code key}'s holds a reservation on {@code file} that reads or writes. */
    boolean otherClientUses(FileHandle file, LockOwner key) {
        return onFile(file, false, false, shares -> shares.held.stream().anyMatch(s ->
                !s.owner().belongsTo(key.protocol(), key.clientId())
                        && (s.mode().access() & (ShareMode.READ | ShareMode.WRITE)) != 0));
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    private <T> T onFile(FileHandle file, boolean create, T absent, Function<FileShares, T> action) {
        return files.on(file, create, absent, action);
    }
}
