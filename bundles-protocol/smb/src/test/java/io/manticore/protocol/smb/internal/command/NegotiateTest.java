package io.manticore.protocol.smb.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.smb.internal.SmbOptions;
import io.manticore.protocol.smb.internal.SmbPipeline;
import io.manticore.protocol.smb.internal.SmbServer;
import io.manticore.protocol.smb.internal.SmbWire;
import io.manticore.protocol.smb.internal.wire.Command;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

public class NegotiateTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private TestVfs fs;
    private EmbeddedChannel channel;

    @Before
    public void setUp() {
        fs = new TestVfs();
        channel = new EmbeddedChannel();
        new SmbPipeline(new SmbServer(fs.vfs(), fs.configService(), fs.leases(),
                () -> SmbOptions.from(fs.configService().current()))).install(channel);
    }

    @After
    public void tearDown() {
        channel.finishAndReleaseAll();
        fs.close();
    }

    @Test
    public void smb311NegotiateAnswersTheDialectAndOneChoicePerContext() {
        channel.writeInbound(SmbWire.request(Command.NEGOTIATE, 0, 1, 0, 0, SmbWire.negotiate311()));
        ByteBuf frame = channel.readOutbound();
        try {
            int at = frame.readerIndex() + 4;
            assertEquals(NtStatus.SUCCESS, frame.getIntLE(at + 8));
            int body = at + 64;
            assertEquals(65, frame.getShortLE(body));
            assertEquals(0x311, frame.getShortLE(body + 4));
            assertEquals(3, frame.getShortLE(body + 6));
            int contexts = frame.getIntLE(body + 60);
            assertEquals(0, contexts & 7);
            int c = at + contexts;
            assertEquals(1, frame.getShortLE(c));
            assertEquals(38, frame.getShortLE(c + 2));
            assertEquals(1, frame.getShortLE(c + 8));
            assertEquals(32, frame.getShortLE(c + 10));
            assertEquals(1, frame.getShortLE(c + 12));
            c = (c + 8 + 38 + 7 - at & ~7) + at;
            assertEquals(2, frame.getShortLE(c));
            assertEquals(2, frame.getShortLE(c + 10));
            c = (c + 8 + 4 + 7 - at & ~7) + at;
            assertEquals(8, frame.getShortLE(c));
            assertEquals(2, frame.getShortLE(c + 10));
            assertEquals(frame.readableBytes(), 4 + (c - at) + 12);
        } finally {
            frame.release();
        }
    }

    @Test
    public void aSecondNegotiateClosesTheConnection() {
        channel.writeInbound(SmbWire.request(Command.NEGOTIATE, 0, 1, 0, 0, SmbWire.negotiate311()));
        ((ByteBuf) channel.readOutbound()).release();
        channel.writeInbound(SmbWire.request(Command.NEGOTIATE, 1, 1, 0, 0, SmbWire.negotiate311()));
        assertFalse(channel.isOpen());
        assertTrue(channel.outboundMessages().isEmpty());
    }
}
