package io.manticore.protocol.smb.internal.session;

import java.util.ArrayDeque;
import java.util.Deque;

import io.manticore.api.vfs.DirEntry;

/**
 * Where a QUERY_DIRECTORY enumeration of one open stands (MS-SMB2 3.3.5.18): the search pattern
 * fixed by the first query, the VFS cookie to read from, and entries read but not yet returned
 * because the client's buffer was full. "." and ".." come first, as from Windows servers.
 */
public final class DirectoryScan {

    private String pattern;
    private long cookie;
    private long verifier;
    private int dotsReturned;
    private boolean eof;
    private boolean returnedAny;
    private final Deque<DirEntry> pending = new ArrayDeque<>();

    /** Starts over, with {@code newPattern} (or the previous one when null). */
    public void restart(String newPattern) {
        if (newPattern != null) {
            pattern = newPattern;
        }
        cookie = 0;
        verifier = 0;
        dotsReturned = 0;
        eof = false;
        returnedAny = false;
        pending.clear();
    }

    public boolean started() {
        return pattern != null;
    }

    public String pattern() {
        return pattern;
    }

    public long cookie() {
        return cookie;
    }

    public long verifier() {
        return verifier;
    }

    /** Records a page read from the VFS. */
    public void advance(long nextCookie, long nextVerifier, boolean end) {
        cookie = nextCookie;
        verifier = nextVerifier;
        eof = end;
    }

    public boolean eof() {
        return eof;
    }

    public int dotsReturned() {
        return dotsReturned;
    }

    public void dotReturned() {
        dotsReturned++;
    }

    public Deque<DirEntry> pending() {
        return pending;
    }

    /** True once any entry matched: the first empty answer is NO_SUCH_FILE, later ones NO_MORE_FILES. */
    public boolean returnedAny() {
        return returnedAny;
    }

    public void returned() {
        returnedAny = true;
    }
}
