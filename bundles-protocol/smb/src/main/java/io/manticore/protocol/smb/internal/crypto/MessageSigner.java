package io.manticore.protocol.smb.internal.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;

/** What every SMB2 signing algorithm shares: the Signature field is taken as zero while the MAC runs over the message. */
abstract class MessageSigner implements Signer {

    static final int FLAGS_OFFSET = 16;
    static final int SIGNATURE_OFFSET = 48;
    static final int SIGNATURE_LENGTH = 16;
    static final int HEADER_LENGTH = 64;
    static final int FLAGS_SERVER_TO_REDIR = 0x00000001;
    static final int FLAGS_SIGNED = 0x00000008;

    private static final ByteBuffer ZERO_SIGNATURE = ByteBuffer.allocate(SIGNATURE_LENGTH).asReadOnlyBuffer();

    @Override
    public final void sign(ByteBuf message) {
        requireHeader(message);
        int base = message.readerIndex();
        message.setIntLE(base + FLAGS_OFFSET, message.getIntLE(base + FLAGS_OFFSET) | FLAGS_SIGNED);
        message.setBytes(base + SIGNATURE_OFFSET, mac(message));
    }

    @Override
    public final boolean verify(ByteBuf message) {
        if (message.readableBytes() < HEADER_LENGTH) {
            return false;
        }
        byte[] received = new byte[SIGNATURE_LENGTH];
        message.getBytes(message.readerIndex() + SIGNATURE_OFFSET, received);
        return MessageDigest.isEqual(received, mac(message));
    }

    /** The 16-byte signature of the message (readable bytes) with its Signature field taken as zero. */
    abstract byte[] mac(ByteBuf message);

    /** Hands the message to {@code sink} in pieces, 16 zero bytes standing in for the Signature field. */
    static void feed(ByteBuf message, Consumer<ByteBuffer> sink) {
        int base = message.readerIndex();
        for (ByteBuffer part : message.nioBuffers(base, SIGNATURE_OFFSET)) {
            sink.accept(part);
        }
        sink.accept(ZERO_SIGNATURE.duplicate());
        int rest = message.writerIndex() - base - HEADER_LENGTH;
        if (rest > 0) {
            for (ByteBuffer part : message.nioBuffers(base + HEADER_LENGTH, rest)) {
                sink.accept(part);
            }
        }
    }

    private static void requireHeader(ByteBuf message) {
        if (message.readableBytes() < HEADER_LENGTH) {
            throw new IllegalArgumentException("an SMB2 message of " + message.readableBytes() + " bytes");
        }
    }
}
