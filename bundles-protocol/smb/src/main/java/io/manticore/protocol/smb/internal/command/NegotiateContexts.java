package io.manticore.protocol.smb.internal.command;

import java.util.ArrayList;
import java.util.List;

import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;

/**
 * The 3.1.1 negotiate contexts of a NEGOTIATE request (MS-SMB2 2.2.3.1) and the server's choices
 * among them. Absent encryption or signing contexts leave their choice at -1 (not to be answered).
 */
public record NegotiateContexts(boolean sha512, int cipher, int signing) {

    public static final int PREAUTH_INTEGRITY = 1;
    public static final int ENCRYPTION = 2;
    public static final int SIGNING = 8;
    public static final int SHA_512 = 1;
    /** Ciphers in the server's order of preference: AES-128-GCM, AES-128-CCM, AES-256-GCM, AES-256-CCM. */
    private static final int[] CIPHERS = {2, 1, 4, 3};
    /** Signing algorithms in the server's order of preference: AES-GMAC, AES-CMAC, HMAC-SHA256. */
    private static final int[] SIGNINGS = {2, 1, 0};
    private static final int MAX_CONTEXTS = 32;
    private static final int MAX_IDS = 64;

    /** Decodes the contexts at {@code offset} (from the header); every length is checked against the message. */
    public static NegotiateContexts read(Message request, long offset, int count) {
        if (count > MAX_CONTEXTS) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, count + " negotiate contexts");
        }
        boolean sha512 = false;
        int cipher = -1;
        int signing = -1;
        long at = offset;
        for (int i = 0; i < count; i++) {
            at = (at + 7) & ~7L;
            ByteBuf head = request.buffer(at, 8);
            int type = head.getUnsignedShortLE(head.readerIndex());
            int length = head.getUnsignedShortLE(head.readerIndex() + 2);
            ByteBuf data = request.buffer(at + 8, length);
            switch (type) {
                case PREAUTH_INTEGRITY -> sha512 = ids(data, 2).contains(SHA_512);
                case ENCRYPTION -> cipher = choose(ids(data, 0), CIPHERS);
                case SIGNING -> signing = choose(ids(data, 0), SIGNINGS);
                default -> { }
            }
            at += 8 + length;
        }
        return new NegotiateContexts(sha512, cipher, signing);
    }

    /** Writes the response's contexts at the writer index (8-aligned from the header); returns how many. */
    public int write(ByteBuf body, int bodyStart, byte[] salt) {
        int written = 1;
        context(body, PREAUTH_INTEGRITY, 6 + salt.length);
        body.writeShortLE(1).writeShortLE(salt.length).writeShortLE(SHA_512).writeBytes(salt);
        if (cipher >= 0) {
            align(body, bodyStart);
            context(body, ENCRYPTION, 4);
            body.writeShortLE(1).writeShortLE(cipher);
            written++;
        }
        if (signing >= 0) {
            align(body, bodyStart);
            context(body, SIGNING, 4);
            body.writeShortLE(1).writeShortLE(signing);
            written++;
        }
        return written;
    }

    /** Pads {@code body} so its writer index is 8-aligned counted from the SMB2 header ({@code bodyStart} is 64 bytes in). */
    public static void align(ByteBuf body, int bodyStart) {
        int pad = -(bodyStart + body.writerIndex()) & 7;
        body.writeZero(pad);
    }

    private static void context(ByteBuf body, int type, int length) {
        body.writeShortLE(type).writeShortLE(length).writeIntLE(0);
    }

    /** The 16-bit ids of a context's data: a count, {@code skip} more bytes, then the ids. */
    private static List<Integer> ids(ByteBuf data, int skip) {
        int at = data.readerIndex();
        if (data.readableBytes() < 2) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "negotiate context too short");
        }
        int count = data.getUnsignedShortLE(at);
        int listAt = at + 2 + skip;
        if (count > MAX_IDS || listAt + 2 * count > data.writerIndex()) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "negotiate context of " + count + " ids");
        }
        List<Integer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(data.getUnsignedShortLE(listAt + 2 * i));
        }
        return out;
    }

    private static int choose(List<Integer> offered, int[] preference) {
        for (int id : preference) {
            if (offered.contains(id)) {
                return id;
            }
        }
        return 0;
    }
}
