package io.manticore.api.vfs;

/** Every error the VFS reports. Each protocol maps these to its own codes in one table. */
public enum VfsError {
    PERM("operation not permitted"),
    NOENT("no such file or directory"),
    IO("input/output error"),
    NXIO("no such device or address"),
    ACCES("permission denied"),
    EXIST("file exists"),
    XDEV("cross-device link"),
    NODEV("no such device"),
    NOTDIR("not a directory"),
    ISDIR("is a directory"),
    INVAL("invalid argument"),
    FBIG("file too large"),
    NOSPC("no space left on device"),
    ROFS("read-only file system"),
    MLINK("too many links"),
    NAMETOOLONG("file name too long"),
    NOTEMPTY("directory not empty"),
    DQUOT("disk quota exceeded"),
    LOOP("too many levels of symbolic links"),
    NODATA("no such attribute"),
    RANGE("result out of range"),
    STALE("stale file handle"),
    BADHANDLE("illegal file handle"),
    BAD_COOKIE("readdir cookie is stale"),
    NOTSUPP("operation not supported"),
    TOOSMALL("buffer or request too small"),
    SERVERFAULT("server fault"),
    BADTYPE("type not supported"),
    DELAY("try again later"),
    NOT_SYNC("guard mismatch: attributes changed");

    private final String description;

    VfsError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
