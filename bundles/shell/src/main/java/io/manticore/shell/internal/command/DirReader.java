package io.manticore.shell.internal.command;

import java.util.function.Predicate;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;

/** Reads a directory as root, page after page, waiting for each. */
final class DirReader {

    private static final int PAGE = 1024;

    private DirReader() {
    }

    /**
     * Hands each entry of {@code dir} to {@code each} until it answers false; true when every
     * entry was handed over. A failed page throws VfsException.
     */
    static boolean forEach(Vfs vfs, FileHandle dir, Predicate<DirEntry> each) {
        long cookie = 0;
        long verifier = 0;
        while (true) {
            DirPage page = VfsCalls.await(vfs.readdir(Cred.ROOT, dir, cookie, verifier, PAGE, AttrMask.ALL));
            for (DirEntry e : page.entries()) {
                if (!each.test(e)) {
                    return false;
                }
                cookie = e.cookie();
            }
            if (page.eof() || page.entries().isEmpty()) {
                return true;
            }
            verifier = page.verifier();
        }
    }
}
