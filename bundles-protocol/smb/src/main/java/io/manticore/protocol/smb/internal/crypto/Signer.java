package io.manticore.protocol.smb.internal.crypto;

import io.netty.buffer.ByteBuf;

/**
 * Signs and verifies SMB2 messages with one key (MS-SMB2 3.1.4.1, 3.1.5.1). A message is one SMB2 header and its
 * body (no NBSS header), as the buffer's readable bytes; its Signature is the 16 bytes at offset 48.
 */
public interface Signer {

    /** Sets SMB2_FLAGS_SIGNED and writes the Signature in place; the reference count is left alone. */
    void sign(ByteBuf message);

    /** True when the message's Signature is the one this key gives it; leaves the buffer as it found it. */
    boolean verify(ByteBuf message);
}
