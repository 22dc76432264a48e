package io.manticore.protocol.oncrpc.internal;

/** An RPC program (NFS, MOUNT, NLM, portmap…) that the {@link RpcDispatcher} routes calls to. */
public interface RpcProgram {

    /** The program number (RFC 5531 7.3). */
    int program();

    /** The lowest version served. */
    int lowestVersion();

    /** The highest version served; every version between the two is served. */
    int highestVersion();

    /** The procedure {@code procedure} of {@code version}, or null when there is none (PROC_UNAVAIL). */
    RpcProcedure procedure(int version, int procedure);

    /**
     * Whether a credential may call this program: AUTH_OK, or the auth_stat to deny it with.
     * By default AUTH_NONE and AUTH_SYS are accepted and flavours this layer does not verify are
     * refused with AUTH_REJECTEDCRED; a program that needs an identity answers AUTH_TOOWEAK to
     * AUTH_NONE.
     */
    default AuthStat authenticate(Credential credential) {
        return credential instanceof AuthUnsupported ? AuthStat.AUTH_REJECTEDCRED : AuthStat.AUTH_OK;
    }

    /**
     * Whether the replies of {@code procedure} of {@code version} go through the listener's
     * {@link ReplyCache}: true for the procedures that must not run twice when a client
     * retransmits (NFSv3 CREATE, REMOVE, RENAME, WRITE…; NLM LOCK, UNLOCK…). None by default.
     */
    default boolean cachesReplies(int version, int procedure) {
        return false;
    }
}
