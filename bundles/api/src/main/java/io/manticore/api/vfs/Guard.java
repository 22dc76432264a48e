package io.manticore.api.vfs;

/**
 * A condition on a SETATTR (RFC 1813 3.3.2): apply only when the file's ctime is still
 * {@code ctime}. {@link #NONE} applies unconditionally.
 */
public record Guard(boolean check, long ctime) {

    public static final Guard NONE = new Guard(false, 0);

    public static Guard ctime(long ctime) {
        return new Guard(true, ctime);
    }

    /** True when the guard lets a change to a file with these attributes through. */
    public boolean admits(Attrs current) {
        return !check || current.ctime() == ctime;
    }
}
