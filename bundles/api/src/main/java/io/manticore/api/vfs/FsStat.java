package io.manticore.api.vfs;

/** Figures of a file system: bytes and files in all, free, and available to a non-root caller. */
public record FsStat(long totalBytes, long freeBytes, long availableBytes, long totalFiles, long freeFiles, long availableFiles, int maxNameLength, long maxFileSize) {
}
