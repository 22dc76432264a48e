package io.manticore.api.config;

/**
 * Server-wide settings.
 *
 * @param threads              event-loop threads per transport (0: two per core)
 * @param delegationThreads    threads that run calls of blocking backends
 * @param suspendTimeoutMillis how long a call waits for a suspended mount before DELAY
 * @param maxSuspendedCalls    how many calls may wait for suspended mounts at once
 * @param attrCacheEntries     attribute cache capacity
 * @param nameCacheEntries     name cache capacity
 * @param openFileCacheEntries open-file cache capacity
 * @param openFileIdleMillis   how long an unused open file stays open
 * @param rpcbindRegister      register Manticore's bound RPC programs with the host's rpcbind
 *                             (port mapper on 127.0.0.1:111) instead of serving portmap itself
 * @param nlmGraceSeconds      the NLM grace period after a restart, in which only locks held
 *                             before it may be reclaimed (entered only when hosts held locks)
 */
public record ServerSettings(int threads, int delegationThreads, long suspendTimeoutMillis,
                             int maxSuspendedCalls, int attrCacheEntries, int nameCacheEntries,
                             int openFileCacheEntries, long openFileIdleMillis, boolean rpcbindRegister,
                             int nlmGraceSeconds) {
}
