package io.manticore.protocol.smb.internal.command;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.netty.buffer.ByteBuf;

/** An SMB2 CREATE request (MS-SMB2 2.2.13) with its create contexts by name (2.2.13.2). */
public record CreateRequest(int oplock, int desiredAccess, int fileAttributes, int shareAccess, int disposition,
                            int options, String name, Map<String, byte[]> contexts) {

    public static final int SUPERSEDE = 0;
    public static final int OPEN = 1;
    public static final int CREATE = 2;
    public static final int OPEN_IF = 3;
    public static final int OVERWRITE = 4;
    public static final int OVERWRITE_IF = 5;

    public static final int DIRECTORY_FILE = 0x00000001;
    public static final int NON_DIRECTORY_FILE = 0x00000040;
    public static final int DELETE_ON_CLOSE = 0x00001000;
    public static final int OPEN_BY_FILE_ID = 0x00002000;

    private static final int STRUCTURE_SIZE = 57;
    private static final int MAX_NAME_BYTES = 2 * 32767;
    private static final int MAX_CONTEXTS = 32;
    private static final int MAX_CONTEXT_DATA = 64 * 1024;

    public static CreateRequest read(Message request) {
        request.expectStructure(STRUCTURE_SIZE);
        int disposition = request.i32(36);
        int nameLength = request.u16(46);
        if (disposition < SUPERSEDE || disposition > OVERWRITE_IF || nameLength > MAX_NAME_BYTES) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "disposition " + disposition + ", name of "
                    + nameLength + " bytes");
        }
        String name = request.utf16(request.u16(44), nameLength);
        Map<String, byte[]> contexts = contexts(request, request.u32(48), request.u32(52));
        return new CreateRequest(request.u8(3), request.i32(24), request.i32(28), request.i32(32), disposition,
                request.i32(40), name, contexts);
    }

    public boolean has(int option) {
        return (options & option) != 0;
    }

    /** The chain of create contexts: each names its successor with a Next offset, its name and data by offsets. */
    private static Map<String, byte[]> contexts(Message request, long offset, long length) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (length == 0) {
            return out;
        }
        ByteBuf all = request.buffer(offset, length);
        int at = 0;
        while (true) {
            if (out.size() == MAX_CONTEXTS || at + 16 > all.readableBytes()) {
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "create contexts malformed at " + at);
            }
            int base = all.readerIndex() + at;
            int next = all.getIntLE(base);
            int nameOffset = all.getUnsignedShortLE(base + 4);
            int nameLength = all.getUnsignedShortLE(base + 6);
            int dataOffset = all.getUnsignedShortLE(base + 10);
            int dataLength = all.getIntLE(base + 12);
            int limit = next == 0 ? all.readableBytes() - at : next;
            if (next < 0 || limit > all.readableBytes() - at || nameOffset + nameLength > limit || dataLength < 0
                    || dataLength > MAX_CONTEXT_DATA || dataLength > 0 && dataOffset + dataLength > limit) {
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "create context malformed at " + at);
            }
            String name = all.toString(base + nameOffset, nameLength, StandardCharsets.ISO_8859_1);
            byte[] data = new byte[dataLength];
            all.getBytes(base + dataOffset, data);
            out.put(name, data);
            if (next == 0) {
                return out;
            }
            at += next;
        }
    }
}
