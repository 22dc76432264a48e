package io.manticore.protocol.smb.internal.crypto;

import static org.junit.Assert.assertArrayEquals;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.protocol.smb.internal.crypto.PublishedVectors.Ccm311;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

public class PreauthHashTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    @Test
    public void startsAtSixtyFourZeroBytes() {
        assertArrayEquals(new byte[64], new PreauthHash().value());
    }

    @Test
    public void chainsThePublishedNegotiateAndSessionSetupMessages() {
        PreauthHash hash = new PreauthHash();
        update(hash, Ccm311.NEGOTIATE_REQUEST);
        assertArrayEquals(Ccm311.HASH_AFTER_NEGOTIATE_REQUEST, hash.value());
        update(hash, Ccm311.NEGOTIATE_RESPONSE);
        assertArrayEquals(Ccm311.HASH_AFTER_NEGOTIATE_RESPONSE, hash.value());
        update(hash, Ccm311.SESSION_SETUP_REQUEST);
        assertArrayEquals(Ccm311.HASH_AFTER_SESSION_SETUP_REQUEST, hash.value());
        update(hash, Ccm311.SESSION_SETUP_RESPONSE);
        assertArrayEquals(Ccm311.HASH_AFTER_SESSION_SETUP_RESPONSE, hash.value());
    }

    @Test
    public void aCopyGoesOnAloneFromTheConnectionsValue() {
        PreauthHash connection = new PreauthHash();
        update(connection, Ccm311.NEGOTIATE_REQUEST);
        update(connection, Ccm311.NEGOTIATE_RESPONSE);
        PreauthHash session = connection.copy();
        update(session, Ccm311.SESSION_SETUP_REQUEST);
        assertArrayEquals(Ccm311.HASH_AFTER_NEGOTIATE_RESPONSE, connection.value());
        assertArrayEquals(Ccm311.HASH_AFTER_SESSION_SETUP_REQUEST, session.value());
    }

    @Test
    public void hashesOnlyTheReadableBytesOfACompositeBufferAndLeavesItsIndexes() {
        byte[] message = Ccm311.NEGOTIATE_RESPONSE;
        ByteBuf composite = Unpooled.compositeBuffer()
                .addComponent(true, Unpooled.wrappedBuffer(new byte[] {9, 9, 9}))
                .addComponent(true, Unpooled.directBuffer().writeBytes(message, 0, 100))
                .addComponent(true, Unpooled.wrappedBuffer(message, 100, message.length - 100));
        composite.readerIndex(3);
        PreauthHash hash = new PreauthHash();
        hash.update(Unpooled.wrappedBuffer(Ccm311.NEGOTIATE_REQUEST));
        hash.update(composite);
        assertArrayEquals(Ccm311.HASH_AFTER_NEGOTIATE_RESPONSE, hash.value());
        org.junit.Assert.assertEquals(3, composite.readerIndex());
        composite.release();
    }

    private static void update(PreauthHash hash, byte[] message) {
        ByteBuf buf = Unpooled.wrappedBuffer(message);
        hash.update(buf);
        buf.release();
    }
}
