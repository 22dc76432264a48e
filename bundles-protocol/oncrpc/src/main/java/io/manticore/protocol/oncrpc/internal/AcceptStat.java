package io.manticore.protocol.oncrpc.internal;

/** The outcome of an accepted call (RFC 5531 9, accept_stat). */
public enum AcceptStat {
    SUCCESS(0),
    PROG_UNAVAIL(1),
    PROG_MISMATCH(2),
    PROC_UNAVAIL(3),
    GARBAGE_ARGS(4),
    SYSTEM_ERR(5);

    private final int code;

    AcceptStat(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
