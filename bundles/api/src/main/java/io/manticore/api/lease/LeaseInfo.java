package io.manticore.api.lease;

import io.manticore.api.vfs.FileHandle;

/** A lease as the shell shows it: file, key, rights held, and what a break in progress asks for (or null). */
public record LeaseInfo(FileHandle file, LockOwner key, LeaseState state, LeaseState breakingTo) {
}
