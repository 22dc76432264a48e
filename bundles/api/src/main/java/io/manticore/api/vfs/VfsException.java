package io.manticore.api.vfs;

/**
 * A VFS call failed with {@link #error()}. Stages fail with this exception; no stack trace
 * is captured because these are ordinary answers, not bugs.
 */
public final class VfsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final VfsError error;

    public VfsException(VfsError error) {
        this(error, error.description());
    }

    public VfsException(VfsError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public VfsError error() {
        return error;
    }

    /**
     * The VfsError behind a stage's failure, unwrapping CompletionException; SERVERFAULT for
     * anything that is not a VfsException.
     */
    public static VfsError errorOf(Throwable failure) {
        Throwable t = failure;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof VfsException v ? v.error : VfsError.SERVERFAULT;
    }

    @Override
    public String toString() {
        return "VfsException[" + error + ": " + getMessage() + "]";
    }
}
