package io.manticore.protocol.nfs4.internal.state;

import java.util.HexFormat;

/** An NFSv4.1 session (RFC 8881 2.10): its id, its client, the channels' attributes and the fore channel's slots. */
public final class Session {

    public static final int ID_BYTES = 16;

    private final byte[] id;
    private final NfsClient client;
    private final ChannelAttrs fore;
    private final ChannelAttrs back;
    final Slot[] slots;

    Session(byte[] id, NfsClient client, ChannelAttrs fore, ChannelAttrs back) {
        this.id = id.clone();
        this.client = client;
        this.fore = fore;
        this.back = back;
        this.slots = new Slot[fore.maxRequests()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
    }

    public byte[] id() {
        return id.clone();
    }

    public NfsClient client() {
        return client;
    }

    public ChannelAttrs fore() {
        return fore;
    }

    public ChannelAttrs back() {
        return back;
    }

    /** The highest slot id (sr_highest_slotid and sr_target_highest_slotid). */
    public int highestSlot() {
        return slots.length - 1;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(id);
    }
}
