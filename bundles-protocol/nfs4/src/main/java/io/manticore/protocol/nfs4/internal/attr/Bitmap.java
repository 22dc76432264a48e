package io.manticore.protocol.nfs4.internal.attr;

import java.util.BitSet;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/** bitmap4 (RFC 7530 3.3.7): an array of 32-bit words, bit n of the set in word n / 32. */
public final class Bitmap {

    /** Far beyond the highest attribute any minor version defines (word 2); longer bitmaps are BADXDR. */
    public static final int MAX_WORDS = 8;

    private Bitmap() {
    }

    public static BitSet read(XdrDecoder in) {
        int[] words = in.readIntArray(MAX_WORDS);
        BitSet bits = new BitSet();
        for (int w = 0; w < words.length; w++) {
            for (int b = 0; b < 32; b++) {
                if ((words[w] & (1 << b)) != 0) {
                    bits.set(w * 32 + b);
                }
            }
        }
        return bits;
    }

    /** Writes the bitmap with as few words as it needs. */
    public static void write(XdrEncoder out, BitSet bits) {
        int count = (bits.length() + 31) / 32;
        out.writeInt(count);
        for (int w = 0; w < count; w++) {
            int word = 0;
            for (int b = 0; b < 32; b++) {
                if (bits.get(w * 32 + b)) {
                    word |= 1 << b;
                }
            }
            out.writeInt(word);
        }
    }

    /** A set of the given bits. */
    public static BitSet of(int... bits) {
        BitSet set = new BitSet();
        for (int b : bits) {
            set.set(b);
        }
        return set;
    }
}
