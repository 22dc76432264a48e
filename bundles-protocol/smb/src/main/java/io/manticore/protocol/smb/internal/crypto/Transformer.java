package io.manticore.protocol.smb.internal.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Encrypts and decrypts whole SMB2 messages behind an SMB2 TRANSFORM_HEADER (MS-SMB2 2.2.41, 3.1.4.3, 3.3.5.2.1.1)
 * with the session's cipher: the 32 header bytes after the Signature are the additional data, the tag is the
 * Signature. Each nonce this side sends is a 64-bit counter followed by a random salt, so none repeats under a key.
 */
public final class Transformer {

    /** The TRANSFORM_HEADER's length. */
    public static final int HEADER_LENGTH = 52;
    /** 0xFD 'S' 'M' 'B' read as a little-endian int. */
    public static final int PROTOCOL_ID = 0x424D53FD;

    private static final int SIGNATURE_OFFSET = 4;
    private static final int NONCE_OFFSET = 20;
    private static final int SIZE_OFFSET = 36;
    private static final int FLAGS_OFFSET = 42;
    private static final int SESSION_ID_OFFSET = 44;
    private static final int AAD_OFFSET = NONCE_OFFSET;
    private static final int AAD_LENGTH = HEADER_LENGTH - AAD_OFFSET;
    // 3.1.1 Flags = Encrypted; 3.0.x EncryptionAlgorithm = AES-128-CCM: both are 0x0001.
    private static final int FLAGS_ENCRYPTED = 0x0001;
    private static final int COUNTER_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Aead encryptor;
    private final Aead decryptor;
    private final byte[] salt;
    private final AtomicLong counter = new AtomicLong();

    /**
     * @param cipherId      the negotiated cipher (1 AES-128-CCM, 2 AES-128-GCM, 3 AES-256-CCM, 4 AES-256-GCM)
     * @param encryptionKey the key of messages this server sends
     * @param decryptionKey the key of messages it receives
     */
    public Transformer(int cipherId, byte[] encryptionKey, byte[] decryptionKey) {
        this.encryptor = Aead.of(cipherId, encryptionKey);
        this.decryptor = Aead.of(cipherId, decryptionKey);
        this.salt = new byte[encryptor.nonceLength() - COUNTER_LENGTH];
        RANDOM.nextBytes(salt);
    }

    /** Takes ownership of {@code message} (one SMB2 message or a compound); returns the header and the ciphertext. */
    public ByteBuf encrypt(ByteBuf message, long sessionId) {
        return encrypt(message, sessionId, nextNonce());
    }

    /** {@link #encrypt(ByteBuf, long)} with a given nonce, which must never have been used with this key. */
    ByteBuf encrypt(ByteBuf message, long sessionId, byte[] nonce) {
        try {
            if (nonce.length != encryptor.nonceLength()) {
                throw new IllegalArgumentException("a nonce of " + nonce.length + " bytes");
            }
            int size = message.readableBytes();
            byte[] out = new byte[HEADER_LENGTH + size + Aead.TAG_LENGTH];
            writeIntLE(out, 0, PROTOCOL_ID);
            System.arraycopy(nonce, 0, out, NONCE_OFFSET, nonce.length);
            writeIntLE(out, SIZE_OFFSET, size);
            out[FLAGS_OFFSET] = FLAGS_ENCRYPTED;
            for (int i = 0; i < 8; i++) {
                out[SESSION_ID_OFFSET + i] = (byte) (sessionId >>> (8 * i));
            }
            byte[] aad = Arrays.copyOfRange(out, AAD_OFFSET, AAD_OFFSET + AAD_LENGTH);
            byte[] plain = ByteBufUtil.getBytes(message, message.readerIndex(), size, false);
            encryptor.seal(nonce, aad, plain, size, out, HEADER_LENGTH);
            System.arraycopy(out, HEADER_LENGTH + size, out, SIGNATURE_OFFSET, Aead.TAG_LENGTH);
            return Unpooled.wrappedBuffer(out, 0, HEADER_LENGTH + size);
        } finally {
            message.release();
        }
    }

    /**
     * Takes ownership of {@code transformed} (a TRANSFORM_HEADER and its ciphertext) and returns the plain message.
     *
     * @throws CryptoException when the header does not describe the message or the tag does not match
     */
    public ByteBuf decrypt(ByteBuf transformed) throws CryptoException {
        try {
            int base = transformed.readerIndex();
            int size = transformed.readableBytes() - HEADER_LENGTH;
            if (size <= 0) {
                throw new CryptoException("a transform of " + transformed.readableBytes() + " bytes");
            }
            if (transformed.getIntLE(base) != PROTOCOL_ID) {
                throw new CryptoException("not a TRANSFORM_HEADER");
            }
            if (Integer.toUnsignedLong(transformed.getIntLE(base + SIZE_OFFSET)) != size) {
                throw new CryptoException("OriginalMessageSize " + Integer.toUnsignedString(
                        transformed.getIntLE(base + SIZE_OFFSET)) + " for " + size + " bytes");
            }
            if (transformed.getUnsignedShortLE(base + FLAGS_OFFSET) != FLAGS_ENCRYPTED) {
                throw new CryptoException("transform flags " + transformed.getUnsignedShortLE(base + FLAGS_OFFSET));
            }
            byte[] nonce = new byte[decryptor.nonceLength()];
            transformed.getBytes(base + NONCE_OFFSET, nonce);
            byte[] aad = new byte[AAD_LENGTH];
            transformed.getBytes(base + AAD_OFFSET, aad);
            byte[] sealed = new byte[size + Aead.TAG_LENGTH];
            transformed.getBytes(base + HEADER_LENGTH, sealed, 0, size);
            transformed.getBytes(base + SIGNATURE_OFFSET, sealed, size, Aead.TAG_LENGTH);
            return Unpooled.wrappedBuffer(decryptor.open(nonce, aad, sealed));
        } finally {
            transformed.release();
        }
    }

    /** The counter, little-endian, then the salt; the 16-byte field's unused tail stays zero. */
    private byte[] nextNonce() {
        long sequence = counter.getAndIncrement();
        if (sequence == -1L) {
            throw new IllegalStateException("the nonce counter is exhausted; the session must end");
        }
        byte[] nonce = new byte[encryptor.nonceLength()];
        for (int i = 0; i < COUNTER_LENGTH; i++) {
            nonce[i] = (byte) (sequence >>> (8 * i));
        }
        System.arraycopy(salt, 0, nonce, COUNTER_LENGTH, salt.length);
        return nonce;
    }

    private static void writeIntLE(byte[] out, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            out[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
