package io.manticore.protocol.smb.internal.rpc;

import java.util.UUID;

/** UUIDs in their DCE/RPC wire form: the first three fields little-endian, the rest as written. */
final class Uuids {

    static final byte[] NDR = wire("8a885d04-1ceb-11c9-9fe8-08002b104860");

    private Uuids() {
    }

    static byte[] wire(String text) {
        UUID uuid = UUID.fromString(text);
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        byte[] out = new byte[16];
        int timeLow = (int) (high >>> 32);
        out[0] = (byte) timeLow;
        out[1] = (byte) (timeLow >>> 8);
        out[2] = (byte) (timeLow >>> 16);
        out[3] = (byte) (timeLow >>> 24);
        out[4] = (byte) (high >>> 16);
        out[5] = (byte) (high >>> 24);
        out[6] = (byte) high;
        out[7] = (byte) (high >>> 8);
        for (int i = 0; i < 8; i++) {
            out[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }
}
