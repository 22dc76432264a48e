package io.manticore.protocol.smb.internal.auth;

import java.util.Optional;

/** The accounts NTLM checks responses against. */
public interface UserDirectory {

    /** The NT hash (MD4 of the UTF-16LE password, MS-NLMP 3.3.1) of a user; empty when there is no such user. */
    Optional<byte[]> ntHash(String user);

    /** True when unknown users and anonymous logons may become guest sessions. */
    boolean guestAllowed();
}
