package io.manticore.api.vfs;

/**
 * Attributes to change; a null field is left as it is.
 *
 * @param mode      permission bits (07777)
 * @param uid       new owner
 * @param gid       new group
 * @param size      new size (truncate or extend)
 * @param atime     new access time
 * @param mtime     new modification time
 * @param birthtime new creation time (nanoseconds since the epoch)
 */
public record SetAttrs(Integer mode, Integer uid, Integer gid, Long size, TimeSpec atime,
                       TimeSpec mtime, Long birthtime) {

    public static final SetAttrs NONE = new SetAttrs(null, null, null, null, null, null, null);

    public static SetAttrs mode(int mode) {
        return NONE.withMode(mode);
    }

    public SetAttrs withMode(int m) {
        return new SetAttrs(m, uid, gid, size, atime, mtime, birthtime);
    }

    public SetAttrs withOwner(Integer u, Integer g) {
        return new SetAttrs(mode, u, g, size, atime, mtime, birthtime);
    }

    public SetAttrs withSize(long s) {
        return new SetAttrs(mode, uid, gid, s, atime, mtime, birthtime);
    }

    public SetAttrs withTimes(TimeSpec a, TimeSpec m) {
        return new SetAttrs(mode, uid, gid, size, a, m, birthtime);
    }

    public SetAttrs withBirthtime(long b) {
        return new SetAttrs(mode, uid, gid, size, atime, mtime, b);
    }

    public boolean isEmpty() {
        return mode == null && uid == null && gid == null && size == null && atime == null
                && mtime == null && birthtime == null;
    }
}
