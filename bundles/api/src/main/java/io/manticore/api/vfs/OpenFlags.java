package io.manticore.api.vfs;

/**
 * How to open: the access wanted, what to do about a missing or existing file, whether to
 * truncate an existing regular file, and the verifier of an exclusive create.
 */
public record OpenFlags(boolean read, boolean write, CreateMode mode, boolean truncate, long verifier) {

    public static final OpenFlags READ = new OpenFlags(true, false, CreateMode.OPEN_EXISTING, false, 0);
    public static final OpenFlags READ_WRITE = new OpenFlags(true, true, CreateMode.OPEN_EXISTING, false, 0);

    public static OpenFlags create(CreateMode mode) {
        return new OpenFlags(true, true, mode, false, 0);
    }

    public static OpenFlags exclusive(long verifier) {
        return new OpenFlags(true, true, CreateMode.EXCLUSIVE, false, verifier);
    }

    public OpenFlags truncating() {
        return new OpenFlags(read, write, mode, true, verifier);
    }
}
