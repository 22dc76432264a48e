package io.manticore.api.lease;

import io.manticore.api.vfs.FileHandle;

/**
 * A byte-range lock: held, or a request waiting for one.
 *
 * @param file      the file
 * @param owner     who holds or wants it
 * @param range     the bytes
 * @param exclusive a write (exclusive) lock, else a read (shared) one
 * @param waiting   a request still waiting, not a held lock
 */
public record LockInfo(FileHandle file, LockOwner owner, LockRange range, boolean exclusive, boolean waiting) {
}
