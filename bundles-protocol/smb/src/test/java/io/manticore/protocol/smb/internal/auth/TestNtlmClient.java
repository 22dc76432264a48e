package io.manticore.protocol.smb.internal.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * An NTLMv2 client written for the tests from MS-NLMP 3.1.5 and 3.3.2, independent of the acceptor's code: it builds
 * NEGOTIATE and AUTHENTICATE messages (with MsvAvFlags, a MIC and KEY_EXCH) and signs as the client direction.
 */
final class TestNtlmClient {

    static final int FLAGS = 0x00000001 | 0x00000004 | 0x00000010 | 0x00000020 | 0x00000200 | 0x00008000
            | 0x00080000 | 0x00800000 | 0x02000000 | 0x20000000 | 0x40000000 | 0x80000000;

    final byte[] randomSessionKey = hex("0102030405060708090A0B0C0D0E0F10");
    final byte[] clientChallenge = hex("AAAAAAAAAAAAAAAA");
    byte[] negotiate;
    byte[] challenge;
    byte[] authenticate;
    int challengeFlags;
    private int clientSequence;
    private int serverSequence;
    private Cipher clientSeal;
    private Cipher serverSeal;

    static byte[] hex(String text) {
        return java.util.HexFormat.of().parseHex(text);
    }

    byte[] negotiate() {
        byte[] message = new byte[40];
        header(message, 1);
        putU32(message, 12, FLAGS);
        System.arraycopy(hex("0A00614A0000000F"), 0, message, 32, 8);
        negotiate = message;
        return message.clone();
    }

    /** The AUTHENTICATE_MESSAGE for the server's CHALLENGE, with a MIC (MsvAvFlags 0x2) and KEY_EXCH. */
    byte[] authenticate(byte[] challengeMessage, String user, String domain, String password) {
        return authenticate(challengeMessage, user, domain, ntHash(password), true);
    }

    byte[] authenticate(byte[] challengeMessage, String user, String domain, byte[] ntHash, boolean withMic) {
        return authenticate(challengeMessage, user, domain, domain, ntHash, withMic);
    }

    /** As above, but the response is computed with {@code hashDomain} while the message names {@code domain}. */
    byte[] authenticate(byte[] challengeMessage, String user, String domain, String hashDomain, byte[] ntHash,
                        boolean withMic) {
        challenge = challengeMessage.clone();
        challengeFlags = u32(challenge, 20);
        byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32);
        byte[] targetInfo = field(challenge, 40);
        byte[] timestamp = avValue(targetInfo, 7);

        ByteArrayOutputStream temp = new ByteArrayOutputStream();
        temp.writeBytes(hex("0101000000000000"));
        temp.writeBytes(timestamp == null ? new byte[8] : timestamp);
        temp.writeBytes(clientChallenge);
        temp.writeBytes(new byte[4]);
        temp.writeBytes(Arrays.copyOf(targetInfo, targetInfo.length - 4));
        if (withMic) {
            temp.writeBytes(hex("0600040002000000"));
        }
        temp.writeBytes(new byte[4]);
        temp.writeBytes(new byte[4]);
        byte[] tempBytes = temp.toByteArray();

        byte[] responseKey = hmacMd5(ntHash, utf16(user.toUpperCase(Locale.ROOT) + hashDomain));
        byte[] proof = hmacMd5(responseKey, serverChallenge, tempBytes);
        byte[] ntResponse = concat(proof, tempBytes);
        byte[] sessionBaseKey = hmacMd5(responseKey, proof);
        byte[] encryptedKey = rc4(sessionBaseKey).update(randomSessionKey);

        byte[][] payloads = {new byte[24], ntResponse, utf16(domain), utf16(user), utf16("WORKSTATION"), encryptedKey};
        int[] fields = {12, 20, 28, 36, 44, 52};
        int size = 88;
        for (byte[] payload : payloads) {
            size += payload.length;
        }
        byte[] message = new byte[size];
        header(message, 3);
        int offset = 88;
        for (int i = 0; i < payloads.length; i++) {
            putU16(message, fields[i], payloads[i].length);
            putU16(message, fields[i] + 2, payloads[i].length);
            putU32(message, fields[i] + 4, offset);
            System.arraycopy(payloads[i], 0, message, offset, payloads[i].length);
            offset += payloads[i].length;
        }
        putU32(message, 60, challengeFlags);
        System.arraycopy(hex("0A00614A0000000F"), 0, message, 64, 8);
        if (withMic) {
            byte[] mic = hmacMd5(randomSessionKey, negotiate, challenge, message);
            System.arraycopy(mic, 0, message, 72, 16);
        }
        clientSeal = rc4(md5(randomSessionKey, magic("session key to client-to-server sealing key magic constant")));
        serverSeal = rc4(md5(randomSessionKey, magic("session key to server-to-client sealing key magic constant")));
        authenticate = message;
        return message.clone();
    }

    /** The client's next NTLMSSP_MESSAGE_SIGNATURE (MS-NLMP 3.4.4.2) of {@code data}. */
    byte[] clientSignature(byte[] data) {
        byte[] key = md5(randomSessionKey, magic("session key to client-to-server signing key magic constant"));
        return signature(key, clientSeal, clientSequence++, data);
    }

    /** The signature the server must send for {@code data} next. */
    byte[] expectedServerSignature(byte[] data) {
        byte[] key = md5(randomSessionKey, magic("session key to server-to-client signing key magic constant"));
        return signature(key, serverSeal, serverSequence++, data);
    }

    static byte[] ntHash(String password) {
        byte[] utf16 = utf16(password);
        MD4Digest md4 = new MD4Digest();
        md4.update(utf16, 0, utf16.length);
        byte[] out = new byte[16];
        md4.doFinal(out, 0);
        return out;
    }

    private static byte[] signature(byte[] key, Cipher seal, int sequence, byte[] data) {
        byte[] seq = new byte[4];
        putU32(seq, 0, sequence);
        byte[] checksum = seal.update(Arrays.copyOf(hmacMd5(key, seq, data), 8));
        return concat(hex("01000000"), checksum, seq);
    }

    private static byte[] magic(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(ascii, ascii.length + 1);
    }

    static byte[] field(byte[] message, int offset) {
        int length = (message[offset] & 0xFF) | (message[offset + 1] & 0xFF) << 8;
        int at = u32(message, offset + 4);
        return Arrays.copyOfRange(message, at, at + length);
    }

    static byte[] avValue(byte[] pairs, int wanted) {
        int at = 0;
        while (at + 4 <= pairs.length) {
            int id = (pairs[at] & 0xFF) | (pairs[at + 1] & 0xFF) << 8;
            int length = (pairs[at + 2] & 0xFF) | (pairs[at + 3] & 0xFF) << 8;
            if (id == 0) {
                return null;
            }
            if (id == wanted) {
                return Arrays.copyOfRange(pairs, at + 4, at + 4 + length);
            }
            at += 4 + length;
        }
        return null;
    }

    static int u32(byte[] data, int offset) {
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF) << 16
                | (data[offset + 3] & 0xFF) << 24;
    }

    static void putU16(byte[] data, int offset, int value) {
        data[offset] = (byte) value;
        data[offset + 1] = (byte) (value >>> 8);
    }

    static void putU32(byte[] data, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            data[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void header(byte[] message, int type) {
        System.arraycopy("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII), 0, message, 0, 8);
        putU32(message, 8, type);
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] part : parts) {
                md5.update(part);
            }
            return md5.digest();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Cipher rc4(byte[] key) {
        try {
            Cipher rc4 = Cipher.getInstance("ARCFOUR");
            rc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return rc4;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
