package io.manticore.protocol.smb.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The NTLM primitives (MS-NLMP 6): HMAC-MD5, MD5 and RC4 from the JDK, and NTOWFv2 (3.3.2) built on them. */
final class NtlmCrypto {

    private NtlmCrypto() {
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac hmac = Mac.getInstance("HmacMD5");
            hmac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] part : parts) {
                hmac.update(part);
            }
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-MD5 is not available", e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] part : parts) {
                md5.update(part);
            }
            return md5.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    /** A fresh RC4 keystream (RC4Init of MS-NLMP 6); the JDK's ARCFOUR, which the JDK 25 policy leaves enabled. */
    static Cipher rc4(byte[] key) {
        try {
            Cipher rc4 = Cipher.getInstance("ARCFOUR");
            rc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return rc4;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RC4 is not available", e);
        }
    }

    /** RC4K(key, data): one message under a fresh keystream. */
    static byte[] rc4(byte[] key, byte[] data) {
        return rc4(key).update(data);
    }

    /** NTOWFv2 = HMAC_MD5(NT hash, UNICODE(Uppercase(User) + UserDom)) (MS-NLMP 3.3.2). */
    static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
        String identity = user.toUpperCase(Locale.ROOT) + domain;
        return hmacMd5(ntHash, identity.getBytes(StandardCharsets.UTF_16LE));
    }
}
