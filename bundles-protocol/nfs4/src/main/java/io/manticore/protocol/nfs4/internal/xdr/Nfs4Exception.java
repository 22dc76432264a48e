package io.manticore.protocol.nfs4.internal.xdr;

/**
 * An operation failed with an nfsstat4 of the protocol's own (a bad stateid, no current
 * filehandle, …) rather than a VFS error. No stack trace: these are ordinary answers.
 */
public final class Nfs4Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public Nfs4Exception(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public String toString() {
        return "Nfs4Exception[" + status + ": " + getMessage() + "]";
    }
}
