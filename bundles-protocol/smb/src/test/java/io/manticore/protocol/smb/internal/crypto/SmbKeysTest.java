package io.manticore.protocol.smb.internal.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Ccm311;
import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Gcm311;
import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Smb30;

public class SmbKeysTest {

    @Test
    public void derivesThePublishedSmb311KeysOfTheGcmExample() {
        SmbKeys keys = SmbKeys.derive(0x0311, Gcm311.SESSION_KEY, Gcm311.PREAUTH_HASH, CipherId.AES_128_GCM);
        assertArrayEquals(Gcm311.SIGNING_KEY, keys.signingKey());
        assertArrayEquals(Gcm311.SERVER_ENCRYPTION_KEY, keys.encryptionKey());
        assertArrayEquals(Gcm311.SERVER_DECRYPTION_KEY, keys.decryptionKey());
        assertArrayEquals(Gcm311.APPLICATION_KEY, keys.applicationKey());
    }

    @Test
    public void derivesThePublishedSmb311KeysOfTheCcmExample() {
        SmbKeys keys = SmbKeys.derive(0x0311, Ccm311.SESSION_KEY, Ccm311.PREAUTH_HASH, CipherId.AES_128_CCM);
        assertArrayEquals(Ccm311.SIGNING_KEY, keys.signingKey());
        assertArrayEquals(Ccm311.SERVER_ENCRYPTION_KEY, keys.encryptionKey());
        assertArrayEquals(Ccm311.SERVER_DECRYPTION_KEY, keys.decryptionKey());
        assertArrayEquals(Ccm311.APPLICATION_KEY, keys.applicationKey());
    }

    @Test
    public void derivesThePublishedSmb30KeysFromTheFixedLabels() {
        for (int dialect : new int[] {0x0300, 0x0302}) {
            SmbKeys keys = SmbKeys.derive(dialect, Smb30.SESSION_KEY, null, CipherId.AES_128_CCM);
            assertArrayEquals(Smb30.SIGNING_KEY, keys.signingKey());
            assertArrayEquals(Smb30.SERVER_ENCRYPTION_KEY, keys.encryptionKey());
            assertArrayEquals(Smb30.SERVER_DECRYPTION_KEY, keys.decryptionKey());
            assertArrayEquals(Smb30.APPLICATION_KEY, keys.applicationKey());
        }
    }

    @Test
    public void smb2SignsWithTheSessionKeyItselfAndHasNoCipherKeys() {
        SmbKeys keys = SmbKeys.derive(0x0210, Smb30.SESSION_KEY, null, 0);
        assertArrayEquals(Smb30.SESSION_KEY, keys.signingKey());
        assertNull(keys.encryptionKey());
        assertNull(keys.decryptionKey());
    }

    @Test
    public void aShortSessionKeyIsPaddedWithZerosAndALongOneCutTo16Bytes() {
        byte[] shortKey = {1, 2, 3};
        byte[] padded = {1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(padded, SmbKeys.derive(0x0202, shortKey, null, 0).signingKey());
        byte[] longKey = new byte[32];
        System.arraycopy(Smb30.SESSION_KEY, 0, longKey, 0, 16);
        assertArrayEquals(Smb30.SIGNING_KEY, SmbKeys.derive(0x0300, longKey, null, 1).signingKey());
    }

    @Test
    public void aes256CiphersGet256BitCipherKeysAnd128BitSigningKeys() {
        SmbKeys keys = SmbKeys.derive(0x0311, Gcm311.SESSION_KEY, Gcm311.PREAUTH_HASH, CipherId.AES_256_GCM);
        assertEquals(32, keys.encryptionKey().length);
        assertEquals(32, keys.decryptionKey().length);
        assertArrayEquals(Gcm311.SIGNING_KEY, keys.signingKey());
        assertArrayEquals(Gcm311.APPLICATION_KEY, keys.applicationKey());
        // L is part of the KDF input, so the 256-bit key does not start with the 128-bit one.
        byte[] first16 = java.util.Arrays.copyOf(keys.encryptionKey(), 16);
        org.junit.Assert.assertFalse(java.util.Arrays.equals(Gcm311.SERVER_ENCRYPTION_KEY, first16));
    }

    @Test(expected = IllegalArgumentException.class)
    public void smb311KeysNeedThePreauthHash() {
        SmbKeys.derive(0x0311, Gcm311.SESSION_KEY, null, 0);
    }
}
