package io.manticore.api.lease;

/**
 * The caching rights of a lease: {@link #READ} (cache reads), {@link #WRITE} (cache writes and
 * locks) and {@link #HANDLE} (keep the file open after the client closes it). W and H need R,
 * as in SMB's lease states R, RH, RW and RWH. An NFSv4 read delegation is R, a write delegation
 * RW; SMB oplock level II is R, exclusive RW, batch RWH.
 */
public record LeaseState(int bits) {

    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int HANDLE = 4;
    public static final LeaseState NONE = new LeaseState(0);

    public LeaseState {
        if ((bits & ~(READ | WRITE | HANDLE)) != 0 || (bits != 0 && (bits & READ) == 0)) {
            throw new IllegalArgumentException("not a lease state: " + bits + " (W and H need R)");
        }
    }

    public boolean has(int bit) {
        return (bits & bit) == bit;
    }

    public boolean isNone() {
        return bits == 0;
    }

    /** True when every right of this state is also in {@code other}. */
    public boolean within(LeaseState other) {
        return (bits & ~other.bits) == 0;
    }

    /** The rights both hold; W or H without R leaves nothing. */
    public LeaseState intersect(LeaseState other) {
        int both = bits & other.bits;
        return (both & READ) == 0 ? NONE : new LeaseState(both);
    }

    public LeaseState union(LeaseState other) {
        return new LeaseState(bits | other.bits);
    }

    /** "RWH", "RH", "R", or "none". */
    @Override
    public String toString() {
        if (bits == 0) {
            return "none";
        }
        return (has(READ) ? "R" : "") + (has(WRITE) ? "W" : "") + (has(HANDLE) ? "H" : "");
    }
}
