package io.manticore.protocol.smb.internal.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Ccm311;
import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Gcm311;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

public class SignersTest {

    private static final byte[] KEY = PublishedVectors.hex("000102030405060708090A0B0C0D0E0F");

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    @Test
    public void aesCmacReproducesThePublishedSessionSetupSignatures() {
        assertResigned(Gcm311.SIGNED_SESSION_SETUP_RESPONSE, Signers.of(0x0311, SigningAlgorithm.AES_CMAC,
                Gcm311.SIGNING_KEY));
        assertResigned(Ccm311.SIGNED_SESSION_SETUP_RESPONSE, Signers.of(0x0300, 0, Ccm311.SIGNING_KEY));
    }

    @Test
    public void aesCmacVerifiesThePublishedSignatureAndRefusesAFlippedBit() {
        Signer signer = Signers.of(0x0311, SigningAlgorithm.AES_CMAC, Ccm311.SIGNING_KEY);
        ByteBuf message = Unpooled.wrappedBuffer(Ccm311.SIGNED_SESSION_SETUP_RESPONSE.clone());
        assertTrue(signer.verify(message));
        message.setByte(70, message.getByte(70) ^ 0x04);
        assertFalse(signer.verify(message));
        message.release();
    }

    @Test
    public void everyAlgorithmSignsAndVerifiesItsOwnMessages() {
        Signer[] signers = {
            Signers.of(0x0202, SigningAlgorithm.AES_GMAC, KEY),
            Signers.of(0x0210, 0, KEY),
            Signers.of(0x0302, SigningAlgorithm.HMAC_SHA256, KEY),
            Signers.of(0x0311, SigningAlgorithm.HMAC_SHA256, KEY),
            Signers.of(0x0311, SigningAlgorithm.AES_CMAC, KEY),
            Signers.of(0x0311, SigningAlgorithm.AES_GMAC, KEY),
        };
        for (Signer signer : signers) {
            ByteBuf message = message(100, 7);
            signer.sign(message);
            assertEquals(0x08, message.getIntLE(16) & 0x08);
            assertTrue(signer.getClass().getSimpleName(), signer.verify(message));
            for (int bit : new int[] {0, 16 * 8 + 1, 48 * 8, 63 * 8 + 7, 99 * 8 + 3}) {
                message.setByte(bit / 8, message.getByte(bit / 8) ^ (1 << (bit % 8)));
                assertFalse(signer.getClass().getSimpleName() + " bit " + bit, signer.verify(message));
                message.setByte(bit / 8, message.getByte(bit / 8) ^ (1 << (bit % 8)));
            }
            assertTrue(signer.verify(message));
            message.release();
        }
    }

    @Test
    public void dialectsBefore311IgnoreTheNegotiatedAlgorithm() {
        ByteBuf smb2 = message(80, 1);
        ByteBuf hmac = message(80, 1);
        Signers.of(0x0202, SigningAlgorithm.AES_GMAC, KEY).sign(smb2);
        Signers.of(0x0311, SigningAlgorithm.HMAC_SHA256, KEY).sign(hmac);
        assertTrue(ByteBufUtil.equals(smb2, hmac));
        ByteBuf cmac30 = message(80, 1);
        ByteBuf cmac311 = message(80, 1);
        Signers.of(0x0300, SigningAlgorithm.AES_GMAC, KEY).sign(cmac30);
        Signers.of(0x0311, SigningAlgorithm.AES_CMAC, KEY).sign(cmac311);
        assertTrue(ByteBufUtil.equals(cmac30, cmac311));
        assertFalse(ByteBufUtil.equals(smb2, cmac30));
        smb2.release();
        hmac.release();
        cmac30.release();
        cmac311.release();
    }

    @Test
    public void hmacSha256IsTheFirst16BytesOfTheHmacWithTheSignatureZeroed() throws Exception {
        ByteBuf message = message(90, 3);
        message.setBytes(48, new byte[16]);
        message.setIntLE(16, message.getIntLE(16) | 0x08);
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = Arrays.copyOf(hmac.doFinal(ByteBufUtil.getBytes(message)), 16);
        message.setBytes(48, new byte[] {1, 2, 3});
        Signers.of(0x0210, 0, KEY).sign(message);
        assertArrayEquals(expected, ByteBufUtil.getBytes(message, 48, 16));
        message.release();
    }

    @Test
    public void gmacNonceIsTheMessageIdThenTheRoleAndCancelBits() {
        ByteBuf message = message(64, 0);
        message.setLongLE(24, 0x0102030405060708L);
        message.setShortLE(12, 0x000C);
        message.setIntLE(16, 0);
        assertArrayEquals(PublishedVectors.hex("080706050403020102000000"), GmacSigner.nonce(message));
        message.setShortLE(12, 0x0008);
        message.setIntLE(16, 0x00000001);
        assertArrayEquals(PublishedVectors.hex("080706050403020101000000"), GmacSigner.nonce(message));
        message.release();
    }

    @Test
    public void gmacSignaturesDependOnTheRole() {
        Signer gmac = Signers.of(0x0311, SigningAlgorithm.AES_GMAC, KEY);
        ByteBuf response = message(70, 5);
        response.setIntLE(16, 0x00000001);
        gmac.sign(response);
        response.setIntLE(16, response.getIntLE(16) & ~0x00000001);
        assertFalse(gmac.verify(response));
        response.release();
    }

    @Test
    public void verifyRefusesAMessageShorterThanAHeader() {
        ByteBuf stub = Unpooled.wrappedBuffer(new byte[63]);
        assertFalse(Signers.of(0x0311, SigningAlgorithm.AES_CMAC, KEY).verify(stub));
        stub.release();
    }

    @Test(expected = IllegalArgumentException.class)
    public void anUnknownSigningAlgorithmIsRefused() {
        Signers.of(0x0311, 7, KEY);
    }

    /** Zeroes the signature of a signed published message, signs it again and expects the same bytes. */
    private static void assertResigned(byte[] published, Signer signer) {
        ByteBuf message = Unpooled.buffer().writeBytes(published);
        message.setBytes(48, new byte[16]);
        signer.sign(message);
        assertArrayEquals(published, ByteBufUtil.getBytes(message));
        message.release();
    }

    /** An SMB2-shaped message of {@code length} bytes filled from {@code seed}, in a direct buffer. */
    private static ByteBuf message(int length, int seed) {
        ByteBuf message = Unpooled.directBuffer(length);
        for (int i = 0; i < length; i++) {
            message.writeByte(i * 31 + seed);
        }
        message.setIntLE(0, 0x424D53FE);
        message.setIntLE(16, 0);
        return message;
    }
}
