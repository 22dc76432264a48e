package io.manticore.protocol.smb.internal.auth;

/** An authentication that cannot go on, with the NTSTATUS the SESSION_SETUP response carries. */
public final class AuthException extends Exception {

    /** A wrong password, an unknown user or a refused kind of logon (MS-ERREF 2.3.1). */
    public static final int STATUS_LOGON_FAILURE = 0xC000006D;
    /** A token that does not parse. */
    public static final int STATUS_INVALID_PARAMETER = 0xC000000D;

    private static final long serialVersionUID = 1L;

    private final int ntStatus;

    public AuthException(int ntStatus, String message) {
        super(message);
        this.ntStatus = ntStatus;
    }

    static AuthException logonFailure(String why) {
        return new AuthException(STATUS_LOGON_FAILURE, why);
    }

    static AuthException invalid(String why) {
        return new AuthException(STATUS_INVALID_PARAMETER, why);
    }

    public int ntStatus() {
        return ntStatus;
    }
}
