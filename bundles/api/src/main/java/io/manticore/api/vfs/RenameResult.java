package io.manticore.api.vfs;

/** The two directories around a rename (the same directory twice when it stayed). */
public record RenameResult(Wcc fromDir, Wcc toDir) {
}
