package io.manticore.vfs.iouring.internal.ring;

/** An io_uring call failed: the message says which, {@link #errno()} why. */
public final class RingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    public RingException(String message, int errno) {
        super(message + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
