package io.manticore.protocol.smb.internal.auth;

/**
 * One NTLM leg's outcome.
 *
 * @param token  the NTLM message to send back (the CHALLENGE), or null when the exchange is over
 * @param result who the client is once the AUTHENTICATE_MESSAGE checked out; null before
 */
record NtlmStep(byte[] token, AuthResult result) {
}
