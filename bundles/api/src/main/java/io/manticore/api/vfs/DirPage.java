package io.manticore.api.vfs;

import java.util.List;

/**
 * One page of a directory listing. {@code verifier} is passed back with the next page's
 * cookie; {@code eof} is true when no entries follow the last one.
 */
public record DirPage(List<DirEntry> entries, long verifier, boolean eof, Attrs dirAttrs) {

    public DirPage {
        entries = List.copyOf(entries);
    }
}
