package io.manticore.api.vfs;

/** Data made stable; {@code verifier} is the server instance's write verifier. */
public record Committed(long verifier, Wcc wcc) {
}
