package io.manticore.protocol.smb.internal.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashSet;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Ccm311;
import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Gcm311;
import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Smb30;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

public class TransformerTest {

    private static final byte[] KEY_128_A = PublishedVectors.hex("000102030405060708090A0B0C0D0E0F");
    private static final byte[] KEY_128_B = PublishedVectors.hex("F0E0D0C0B0A090807060504030201000");
    private static final byte[] KEY_256_A = PublishedVectors.hex(
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
    private static final byte[] KEY_256_B = PublishedVectors.hex(
            "F0E0D0C0B0A090807060504030201000F1E1D1C1B1A191817161514131211101");

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    @Test
    public void encryptsTheServerResponseOfThePublishedGcmExample() {
        Transformer server = new Transformer(CipherId.AES_128_GCM, Gcm311.SERVER_ENCRYPTION_KEY,
                Gcm311.SERVER_DECRYPTION_KEY);
        ByteBuf out = server.encrypt(Unpooled.wrappedBuffer(Gcm311.WRITE_RESPONSE), Gcm311.SESSION_ID,
                Gcm311.WRITE_RESPONSE_NONCE);
        assertArrayEquals(Gcm311.WRITE_RESPONSE_TRANSFORMED, ByteBufUtil.getBytes(out));
        out.release();
    }

    @Test
    public void decryptsTheClientRequestOfThePublishedGcmExample() throws CryptoException {
        Transformer server = new Transformer(CipherId.AES_128_GCM, Gcm311.SERVER_ENCRYPTION_KEY,
                Gcm311.SERVER_DECRYPTION_KEY);
        ByteBuf plain = server.decrypt(Unpooled.wrappedBuffer(Gcm311.WRITE_REQUEST_TRANSFORMED));
        assertArrayEquals(Gcm311.WRITE_REQUEST, ByteBufUtil.getBytes(plain));
        plain.release();
    }

    @Test
    public void encryptsTheServerResponseOfThePublishedCcmExample() {
        Transformer server = new Transformer(CipherId.AES_128_CCM, Ccm311.SERVER_ENCRYPTION_KEY,
                Ccm311.SERVER_DECRYPTION_KEY);
        ByteBuf out = server.encrypt(Unpooled.wrappedBuffer(Ccm311.WRITE_RESPONSE), Ccm311.SESSION_ID,
                Ccm311.WRITE_RESPONSE_NONCE);
        assertArrayEquals(Ccm311.WRITE_RESPONSE_TRANSFORMED, ByteBufUtil.getBytes(out));
        out.release();
    }

    @Test
    public void decryptsTheClientRequestOfThePublishedCcmExample() throws CryptoException {
        Transformer server = new Transformer(CipherId.AES_128_CCM, Ccm311.SERVER_ENCRYPTION_KEY,
                Ccm311.SERVER_DECRYPTION_KEY);
        ByteBuf plain = server.decrypt(Unpooled.wrappedBuffer(Ccm311.WRITE_REQUEST_TRANSFORMED));
        assertArrayEquals(Ccm311.WRITE_REQUEST, ByteBufUtil.getBytes(plain));
        plain.release();
    }

    @Test
    public void decryptsBothDirectionsOfThePublishedSmb30Example() throws CryptoException {
        Transformer server = new Transformer(CipherId.AES_128_CCM, Smb30.SERVER_ENCRYPTION_KEY,
                Smb30.SERVER_DECRYPTION_KEY);
        ByteBuf request = server.decrypt(Unpooled.wrappedBuffer(Smb30.WRITE_REQUEST_TRANSFORMED));
        assertArrayEquals(Smb30.WRITE_REQUEST, ByteBufUtil.getBytes(request));
        request.release();
        // Windows left bytes in the nonce field past the 11 CCM uses; they are additional data all the same.
        Transformer client = new Transformer(CipherId.AES_128_CCM, Smb30.SERVER_DECRYPTION_KEY,
                Smb30.SERVER_ENCRYPTION_KEY);
        ByteBuf response = client.decrypt(Unpooled.wrappedBuffer(Smb30.WRITE_RESPONSE_TRANSFORMED));
        assertArrayEquals(Smb30.WRITE_RESPONSE, ByteBufUtil.getBytes(response));
        response.release();
    }

    @Test
    public void everyCipherRoundTripsBetweenServerAndClient() throws CryptoException {
        for (int cipher = 1; cipher <= 4; cipher++) {
            byte[] serverOut = cipher >= 3 ? KEY_256_A : KEY_128_A;
            byte[] serverIn = cipher >= 3 ? KEY_256_B : KEY_128_B;
            Transformer server = new Transformer(cipher, serverOut, serverIn);
            Transformer client = new Transformer(cipher, serverIn, serverOut);
            byte[] message = message(1000 + cipher);
            ByteBuf sent = server.encrypt(Unpooled.wrappedBuffer(message), 0x1122334455667788L);
            assertEquals(Transformer.HEADER_LENGTH + message.length, sent.readableBytes());
            assertEquals(Transformer.PROTOCOL_ID, sent.getIntLE(0));
            assertEquals(message.length, sent.getIntLE(36));
            assertEquals(1, sent.getShortLE(42));
            assertEquals(0x1122334455667788L, sent.getLongLE(44));
            ByteBuf received = client.decrypt(sent);
            assertArrayEquals("cipher " + cipher, message, ByteBufUtil.getBytes(received));
            received.release();

            ByteBuf request = client.encrypt(Unpooled.wrappedBuffer(message), 7);
            ByteBuf plain = server.decrypt(request);
            assertArrayEquals(message, ByteBufUtil.getBytes(plain));
            plain.release();
        }
    }

    @Test
    public void aFlippedCiphertextTagOrHeaderBitFailsForEveryCipher() {
        for (int cipher = 1; cipher <= 4; cipher++) {
            byte[] key = cipher >= 3 ? KEY_256_A : KEY_128_A;
            Transformer side = new Transformer(cipher, key, key);
            ByteBuf sealed = side.encrypt(Unpooled.wrappedBuffer(message(200)), 42);
            byte[] wire = ByteBufUtil.getBytes(sealed);
            sealed.release();
            // Tag, nonce, session id, and the first and last ciphertext bytes.
            for (int offset : new int[] {4, 19, 20, 30, 44, 51, 52, wire.length - 1}) {
                byte[] tampered = wire.clone();
                tampered[offset] ^= 0x10;
                assertRefused("cipher " + cipher + " offset " + offset, side, tampered);
            }
            ByteBuf intact = null;
            try {
                intact = side.decrypt(Unpooled.wrappedBuffer(wire));
            } catch (CryptoException e) {
                fail("the untouched message must decrypt: " + e.getMessage());
            }
            intact.release();
        }
    }

    @Test
    public void aHeaderThatDoesNotDescribeTheMessageIsRefused() {
        Transformer side = new Transformer(CipherId.AES_128_GCM, KEY_128_A, KEY_128_A);
        ByteBuf sealed = side.encrypt(Unpooled.wrappedBuffer(message(64)), 1);
        byte[] wire = ByteBufUtil.getBytes(sealed);
        sealed.release();
        byte[] wrongSize = wire.clone();
        wrongSize[36]++;
        assertRefused("OriginalMessageSize", side, wrongSize);
        byte[] notTransform = wire.clone();
        notTransform[0] = (byte) 0xFE;
        assertRefused("ProtocolId", side, notTransform);
        byte[] wrongFlags = wire.clone();
        wrongFlags[42] = 2;
        assertRefused("Flags", side, wrongFlags);
        assertRefused("header only", side, java.util.Arrays.copyOf(wire, Transformer.HEADER_LENGTH));
        assertRefused("truncated", side, java.util.Arrays.copyOf(wire, 20));
        assertRefused("one byte short", side, java.util.Arrays.copyOf(wire, wire.length - 1));
    }

    @Test
    public void noncesNeverRepeatUnderOneKey() {
        Transformer side = new Transformer(CipherId.AES_128_CCM, KEY_128_A, KEY_128_B);
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ByteBuf sealed = side.encrypt(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), 1);
            assertTrue(nonces.add(ByteBufUtil.hexDump(sealed, 20, 16)));
            // CCM uses 11 nonce bytes; the field's other five stay zero.
            assertEquals("0000000000", ByteBufUtil.hexDump(sealed, 31, 5));
            sealed.release();
        }
    }

    @Test
    public void twoTransformersOfOneKeyStartFromDifferentNonces() {
        ByteBuf first = new Transformer(CipherId.AES_128_GCM, KEY_128_A, KEY_128_B)
                .encrypt(Unpooled.wrappedBuffer(new byte[] {1}), 1);
        ByteBuf second = new Transformer(CipherId.AES_128_GCM, KEY_128_A, KEY_128_B)
                .encrypt(Unpooled.wrappedBuffer(new byte[] {1}), 1);
        assertFalse(ByteBufUtil.equals(first.slice(20, 12), second.slice(20, 12)));
        first.release();
        second.release();
    }

    @Test
    public void encryptConsumesItsInput() {
        ByteBuf message = Unpooled.directBuffer().writeBytes(message(50));
        ByteBuf sealed = new Transformer(CipherId.AES_256_GCM, KEY_256_A, KEY_256_B).encrypt(message, 3);
        assertEquals(0, message.refCnt());
        sealed.release();
    }

    @Test(expected = IllegalArgumentException.class)
    public void aKeyOfTheWrongSizeIsRefused() {
        new Transformer(CipherId.AES_256_CCM, KEY_128_A, KEY_128_B);
    }

    @Test(expected = IllegalArgumentException.class)
    public void anUnknownCipherIsRefused() {
        new Transformer(5, KEY_128_A, KEY_128_B);
    }

    private static void assertRefused(String what, Transformer side, byte[] wire) {
        ByteBuf input = Unpooled.wrappedBuffer(wire);
        try {
            ByteBuf plain = side.decrypt(input);
            plain.release();
            fail(what + ": decrypted");
        } catch (CryptoException expected) {
            assertEquals(what + ": the input must be released", 0, input.refCnt());
        }
    }

    private static byte[] message(int length) {
        byte[] message = new byte[length];
        for (int i = 0; i < length; i++) {
            message[i] = (byte) (i * 7 + 3);
        }
        return message;
    }
}
