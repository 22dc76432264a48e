package io.manticore.api.config;

/**
 * An SMB share of a namespace path.
 *
 * @param encrypt every SMB 3.x session must encrypt what it sends on this share; clients that cannot are refused
 */
public record ShareConfig(String path, boolean readOnly, String comment, boolean encrypt) {

    /** A share that leaves encryption to the sessions. */
    public ShareConfig(String path, boolean readOnly, String comment) {
        this(path, readOnly, comment, false);
    }
}
