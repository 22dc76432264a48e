package io.manticore.protocol.smb.internal.session;

import io.manticore.api.cred.Cred;

/** Who a session authenticated as, and the identity its VFS calls run as. */
public record Identity(String user, String domain, boolean guest, boolean anonymous, Cred cred) {

    /** The name for logs and the shell: {@code DOMAIN\\user}, "guest" or "anonymous". */
    public String display() {
        if (anonymous) {
            return "anonymous";
        }
        if (guest) {
            return "guest";
        }
        return domain == null || domain.isEmpty() ? user : domain + "\\" + user;
    }
}
