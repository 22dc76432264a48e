package io.manticore.api.lease;

import java.util.Objects;

import io.manticore.api.vfs.FileHandle;

/** A share reservation held on {@code file} by {@code owner}. */
public record ShareInfo(FileHandle file, LockOwner owner, ShareMode mode) {

    public ShareInfo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(mode, "mode");
    }
}
