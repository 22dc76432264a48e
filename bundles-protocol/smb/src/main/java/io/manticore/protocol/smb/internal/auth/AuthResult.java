package io.manticore.protocol.smb.internal.auth;

/**
 * Who an authentication proved the client to be.
 *
 * @param user       the user name the client gave (empty when anonymous)
 * @param domain     the domain the client gave
 * @param guest      true when the session runs as the guest user
 * @param anonymous  true for a null session (no name, no responses)
 * @param sessionKey the key the session's SMB keys derive from (NTLM's exported session key); empty for guest and
 *                   anonymous sessions, which have none
 */
public record AuthResult(String user, String domain, boolean guest, boolean anonymous, byte[] sessionKey) {
}
