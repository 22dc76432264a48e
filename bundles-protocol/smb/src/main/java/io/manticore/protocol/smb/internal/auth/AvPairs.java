package io.manticore.protocol.smb.internal.auth;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** AV_PAIR lists (MS-NLMP 2.2.2.1): the CHALLENGE's TargetInfo and the NTLMv2 response's copy of it. */
final class AvPairs {

    static final int EOL = 0;
    static final int NB_COMPUTER_NAME = 1;
    static final int NB_DOMAIN_NAME = 2;
    static final int DNS_COMPUTER_NAME = 3;
    static final int DNS_DOMAIN_NAME = 4;
    static final int FLAGS = 6;
    static final int TIMESTAMP = 7;

    /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC. */
    static final int FLAG_MIC_PRESENT = 0x00000002;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    AvPairs add(int id, byte[] value) {
        out.write(id);
        out.write(id >>> 8);
        out.write(value.length);
        out.write(value.length >>> 8);
        out.writeBytes(value);
        return this;
    }

    /** The list with its MsvAvEOL. */
    byte[] encode() {
        byte[] pairs = out.toByteArray();
        return Arrays.copyOf(pairs, pairs.length + 4);
    }

    /** The pairs of {@code data[offset, end)} up to MsvAvEOL, first value of each id; a pair past the end is invalid. */
    static Map<Integer, byte[]> parse(byte[] data, int offset, int end) throws AuthException {
        Map<Integer, byte[]> pairs = new HashMap<>();
        int at = offset;
        while (at + 4 <= end) {
            int id = NtlmMessage.u16(data, at);
            int length = NtlmMessage.u16(data, at + 2);
            if (id == EOL) {
                return pairs;
            }
            if (at + 4 + length > end) {
                throw AuthException.invalid("an AV_PAIR of " + length + " bytes past the end of its list");
            }
            byte[] value = new byte[length];
            System.arraycopy(data, at + 4, value, 0, length);
            pairs.putIfAbsent(id, value);
            at += 4 + length;
        }
        return pairs;
    }
}
