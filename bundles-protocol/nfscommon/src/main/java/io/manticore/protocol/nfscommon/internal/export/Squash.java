package io.manticore.protocol.nfscommon.internal.export;

/** Which callers an export maps to its anonymous identity. */
public enum Squash {
    /** Identities are used as the client sends them. */
    NONE,
    /** uid 0 and gid 0 become the anonymous ids (the usual default). */
    ROOT,
    /** Every caller becomes the anonymous identity. */
    ALL;

    static Squash of(String configValue) {
        return switch (configValue) {
            case "none" -> NONE;
            case "all" -> ALL;
            default -> ROOT;
        };
    }
}
