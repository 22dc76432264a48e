package io.manticore.api.vfs;

/** Bytes written, the stability reached, the write verifier, and the file around the change. */
public record WriteResult(int count, Stability stability, long verifier, Wcc wcc) {
}
