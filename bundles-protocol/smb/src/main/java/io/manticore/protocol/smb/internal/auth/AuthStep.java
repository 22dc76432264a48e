package io.manticore.protocol.smb.internal.auth;

/**
 * One leg of an authentication.
 *
 * @param responseToken the security buffer of the SESSION_SETUP response (may be empty)
 * @param done          true when the authentication completed (then the response is STATUS_SUCCESS)
 * @param result        who the client is, once done; null before
 */
public record AuthStep(byte[] responseToken, boolean done, AuthResult result) {
}
