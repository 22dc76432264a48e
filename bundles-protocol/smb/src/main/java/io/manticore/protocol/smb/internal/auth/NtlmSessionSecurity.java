package io.manticore.protocol.smb.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;

/**
 * NTLM message integrity with extended session security (MS-NLMP 3.4.4.2, 3.4.5): what SPNEGO's mechListMIC needs.
 * Each direction has its signing key, its RC4 sealing handle and its sequence number, all starting at zero.
 */
final class NtlmSessionSecurity {

    private static final String CLIENT_SIGN = "session key to client-to-server signing key magic constant";
    private static final String SERVER_SIGN = "session key to server-to-client signing key magic constant";
    private static final String CLIENT_SEAL = "session key to client-to-server sealing key magic constant";
    private static final String SERVER_SEAL = "session key to server-to-client sealing key magic constant";
    private static final int SIGNATURE_LENGTH = 16;
    private static final int CHECKSUM_LENGTH = 8;

    private final Direction client;
    private final Direction server;

    NtlmSessionSecurity(byte[] exportedSessionKey, int flags) {
        boolean keyExchange = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_KEY_EXCH);
        this.client = new Direction(signingKey(exportedSessionKey, true),
                keyExchange ? NtlmCrypto.rc4(sealingKey(exportedSessionKey, flags, true)) : null);
        this.server = new Direction(signingKey(exportedSessionKey, false),
                keyExchange ? NtlmCrypto.rc4(sealingKey(exportedSessionKey, flags, false)) : null);
    }

    /** SIGNKEY (MS-NLMP 3.4.5.2) of one direction. */
    static byte[] signingKey(byte[] exportedSessionKey, boolean clientToServer) {
        return magic(exportedSessionKey, clientToServer ? CLIENT_SIGN : SERVER_SIGN);
    }

    /** SEALKEY (MS-NLMP 3.4.5.3) of one direction, with extended session security. */
    static byte[] sealingKey(byte[] exportedSessionKey, int flags, boolean clientToServer) {
        return magic(sealBase(exportedSessionKey, flags), clientToServer ? CLIENT_SEAL : SERVER_SEAL);
    }

    /** The NTLMSSP_MESSAGE_SIGNATURE this server sends for {@code message}. */
    synchronized byte[] serverSignature(byte[] message) {
        return server.signature(message);
    }

    /** True when {@code signature} is the client's next signature of {@code message} (compared in constant time). */
    synchronized boolean verifyClientSignature(byte[] message, byte[] signature) {
        return MessageDigest.isEqual(client.signature(message), signature);
    }

    /** SEALKEY's truncation (MS-NLMP 3.4.5.3): the whole key for 128-bit, 7 bytes for 56-bit, else 5 bytes. */
    private static byte[] sealBase(byte[] exportedSessionKey, int flags) {
        if (NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_128)) {
            return exportedSessionKey;
        }
        return Arrays.copyOf(exportedSessionKey, NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_56) ? 7 : 5);
    }

    /** MD5(key || constant || 0x00), the SIGNKEY and SEALKEY construction. */
    private static byte[] magic(byte[] key, String constant) {
        byte[] text = constant.getBytes(StandardCharsets.US_ASCII);
        return NtlmCrypto.md5(key, Arrays.copyOf(text, text.length + 1));
    }

    /** One direction's signing state. */
    private static final class Direction {

        private final byte[] signingKey;
        private final Cipher sealingHandle;
        private int sequence;

        Direction(byte[] signingKey, Cipher sealingHandle) {
            this.signingKey = signingKey;
            this.sealingHandle = sealingHandle;
        }

        /** Version 1, the (sealed) first 8 bytes of HMAC_MD5(SigningKey, SeqNum || message), SeqNum; then SeqNum++. */
        byte[] signature(byte[] message) {
            byte[] sequenceBytes = new byte[4];
            NtlmMessage.writeU32(sequenceBytes, 0, sequence);
            byte[] checksum = Arrays.copyOf(NtlmCrypto.hmacMd5(signingKey, sequenceBytes, message), CHECKSUM_LENGTH);
            if (sealingHandle != null) {
                checksum = sealingHandle.update(checksum);
            }
            byte[] out = new byte[SIGNATURE_LENGTH];
            NtlmMessage.writeU32(out, 0, 1);
            System.arraycopy(checksum, 0, out, 4, CHECKSUM_LENGTH);
            System.arraycopy(sequenceBytes, 0, out, 12, 4);
            sequence++;
            return out;
        }
    }
}
