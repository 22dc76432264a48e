package io.manticore.protocol.smb.internal.session;

import io.manticore.api.lease.LeaseState;

/**
 * SMB's caching levels and core's lease states (MS-SMB2 2.2.13, 2.2.13.2.8): oplock level II is
 * R, exclusive RW, batch RWH; a lease state's bits are R 0x01, H 0x02, W 0x04.
 */
public final class Caching {

    public static final int OPLOCK_NONE = 0x00;
    public static final int OPLOCK_LEVEL_II = 0x01;
    public static final int OPLOCK_EXCLUSIVE = 0x08;
    public static final int OPLOCK_BATCH = 0x09;
    public static final int OPLOCK_LEASE = 0xFF;

    public static final int LEASE_READ = 0x01;
    public static final int LEASE_HANDLE = 0x02;
    public static final int LEASE_WRITE = 0x04;

    private static final LeaseState R = new LeaseState(LeaseState.READ);
    private static final LeaseState RW = new LeaseState(LeaseState.READ | LeaseState.WRITE);
    private static final LeaseState RWH = new LeaseState(LeaseState.READ | LeaseState.WRITE | LeaseState.HANDLE);

    private Caching() {
    }

    /** The state an oplock level asks for; NONE for no oplock or an unknown level. */
    public static LeaseState ofOplock(int level) {
        return switch (level) {
            case OPLOCK_LEVEL_II -> R;
            case OPLOCK_EXCLUSIVE -> RW;
            case OPLOCK_BATCH -> RWH;
            default -> LeaseState.NONE;
        };
    }

    /** The oplock level a state amounts to: batch needs RWH, exclusive RW, level II R. */
    public static int oplockOf(LeaseState state) {
        if (state.has(LeaseState.READ | LeaseState.WRITE | LeaseState.HANDLE)) {
            return OPLOCK_BATCH;
        }
        if (state.has(LeaseState.READ | LeaseState.WRITE)) {
            return OPLOCK_EXCLUSIVE;
        }
        return state.has(LeaseState.READ) ? OPLOCK_LEVEL_II : OPLOCK_NONE;
    }

    /** The state of SMB2 lease bits; bits without R (H or W alone) ask for nothing, as MS-SMB2 3.3.5.9.8 grants none. */
    public static LeaseState ofLease(int bits) {
        if ((bits & LEASE_READ) == 0) {
            return LeaseState.NONE;
        }
        int state = LeaseState.READ;
        if ((bits & LEASE_WRITE) != 0) {
            state |= LeaseState.WRITE;
        }
        if ((bits & LEASE_HANDLE) != 0) {
            state |= LeaseState.HANDLE;
        }
        return new LeaseState(state);
    }

    /** The SMB2 lease bits of a state. */
    public static int leaseOf(LeaseState state) {
        return (state.has(LeaseState.READ) ? LEASE_READ : 0) | (state.has(LeaseState.HANDLE) ? LEASE_HANDLE : 0)
                | (state.has(LeaseState.WRITE) ? LEASE_WRITE : 0);
    }
}
