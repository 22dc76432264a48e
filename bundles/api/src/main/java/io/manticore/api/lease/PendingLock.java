package io.manticore.api.lease;

import java.util.concurrent.CompletionStage;

import io.manticore.api.vfs.FileHandle;
import org.osgi.annotation.versioning.ProviderType;

/** A lock request waiting for conflicting locks to go away. */
@ProviderType
public interface PendingLock {

    FileHandle file();

    LockOwner owner();

    LockRange range();

    boolean exclusive();

    /**
     * Completes exactly once, with {@link LockStatus#GRANTED} when the lock is granted (it is
     * then held like any other) or {@link LockStatus#CANCELLED}. It completes on the thread whose
     * call freed the range or cancelled the request, after the manager has let go of its own
     * locks: dependents must not block, and may call the manager.
     */
    CompletionStage<LockStatus> completion();

    /**
     * Withdraws the request. True when it was still waiting: {@link #completion()} then
     * completes with {@link LockStatus#CANCELLED}. False when it was already granted (the lock is
     * held: unlock it if it is no longer wanted) or already cancelled.
     */
    boolean cancel();
}
