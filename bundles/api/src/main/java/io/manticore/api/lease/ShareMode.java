package io.manticore.api.lease;

/**
 * A share reservation: what an opener will do to a file ({@code access}) and what it refuses
 * everyone else meanwhile ({@code deny}), each a set of {@link #READ}, {@link #WRITE} and
 * {@link #DELETE} bits. NFSv4 OPEN's share_access/share_deny, SMB CREATE's DesiredAccess and the
 * complement of its ShareAccess, and NLM SHARE's fsh_access/fsh_mode all map to it.
 */
public record ShareMode(int access, int deny) {

    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int DELETE = 4;
    public static final int ALL = READ | WRITE | DELETE;

    public ShareMode {
        if ((access & ~ALL) != 0 || (deny & ~ALL) != 0) {
            throw new IllegalArgumentException("share bits out of range: access " + access + ", deny " + deny);
        }
    }

    /** True when the two cannot be held at once by different owners: one denies what the other does. */
    public boolean conflictsWith(ShareMode other) {
        return (access & other.deny) != 0 || (deny & other.access) != 0;
    }

    /** The union of both (an NFSv4 OPEN upgrade of an open it already has). */
    public ShareMode union(ShareMode other) {
        return new ShareMode(access | other.access, deny | other.deny);
    }

    /** {@code access=rwd deny=-w-}: the bits each set holds, '-' for those it lacks. */
    @Override
    public String toString() {
        return "access=" + bits(access) + " deny=" + bits(deny);
    }

    private static String bits(int set) {
        return ((set & READ) != 0 ? "r" : "-") + ((set & WRITE) != 0 ? "w" : "-") + ((set & DELETE) != 0 ? "d" : "-");
    }
}
