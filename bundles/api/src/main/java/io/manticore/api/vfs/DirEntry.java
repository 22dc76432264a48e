package io.manticore.api.vfs;

/** One directory entry; {@code cookie} resumes the listing after this entry. */
public record DirEntry(String name, long cookie, long fileId, FileHandle fh, Attrs attrs) {
}
