package io.manticore.protocol.smb.internal.conn;

import java.util.BitSet;

/**
 * The message ids a client may use (MS-SMB2 3.3.1.1): ids below {@code low} are spent, ids from
 * {@code low} to {@code high} are granted and spent where their bit is set. A request whose ids
 * are outside the window, or spent, is refused; the window never holds more than the maximum.
 */
public final class CreditWindow {

    private final int maxCredits;
    private long low;
    private long high = 1;
    private BitSet spent = new BitSet();

    public CreditWindow(int maxCredits) {
        this.maxCredits = maxCredits;
    }

    /** Spends {@code charge} ids from {@code messageId}; false, spending none, when any is not granted or already spent. */
    public synchronized boolean spend(long messageId, int charge) {
        if (messageId < low || messageId + charge > high || charge < 1) {
            return false;
        }
        int from = (int) (messageId - low);
        if (spent.nextSetBit(from) >= 0 && spent.nextSetBit(from) < from + charge) {
            return false;
        }
        spent.set(from, from + charge);
        int advance = spent.nextClearBit(0);
        if (advance > 0) {
            spent = spent.get(advance, Math.max(advance, spent.length()));
            low += advance;
        }
        return true;
    }

    /** Grants up to {@code requested} more ids, at least one when the client would have none; returns how many. */
    public synchronized int grant(int requested) {
        long outstanding = outstanding();
        long room = maxCredits - outstanding;
        int granted = (int) Math.max(0, Math.min(requested, room));
        if (granted == 0 && outstanding == 0) {
            granted = 1;
        }
        high += granted;
        return granted;
    }

    /** Ids granted and not yet spent. */
    public synchronized long outstanding() {
        return high - low - spent.cardinality();
    }
}
