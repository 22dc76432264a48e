package io.manticore.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's keeping of the state a bundle hands to its next version when the bundle is updated
 * or restarted while the server runs (not across a restart of the server): a component deposits
 * it when it deactivates and the next one takes it when it activates. A state must be built only
 * of JDK, Netty and API classes, since the depositing bundle's classes go away with it.
 */
@ProviderType
public interface Handover {

    /** Minutes a deposit waits to be taken before it is released. */
    int UNCLAIMED_MINUTES = 10;

    /**
     * Keeps {@code state} under {@code key}, replacing (and releasing) an earlier deposit of the
     * key. {@code release} frees what the state holds; it runs only if the state is never taken:
     * after {@value #UNCLAIMED_MINUTES} minutes, or when core stops.
     */
    void deposit(String key, Object state, Runnable release);

    /** The state deposited under {@code key}, handed over once; null when there is none. */
    Object take(String key);
}
