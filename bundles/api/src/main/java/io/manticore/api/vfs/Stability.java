package io.manticore.api.vfs;

/** How stable written data must be before the write completes (RFC 1813 stable_how). */
public enum Stability {
    UNSTABLE, DATA_SYNC, FILE_SYNC
}
