package io.manticore.core.internal.listener;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

public class FirstCallRouterTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    /** A protocol whose one handler records what reaches it. */
    private static final class Recording implements ProtocolHandler {
        final String name;
        final ByteBuf received = Unpooled.buffer();
        boolean active;
        int channels;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void initChannel(Channel channel) {
            channels++;
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    active = true;
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf b = (ByteBuf) msg;
                    received.writeBytes(b);
                    b.release();
                }
            });
        }
    }

    private final Recording nfs3 = new Recording("nfs3");
    private final Recording nfs4 = new Recording("nfs4");
    private final Map<String, RegisteredProtocol> present = new HashMap<>(Map.of(
            "nfs3", new RegisteredProtocol(nfs3, Set.of("100003:3")),
            "nfs4", new RegisteredProtocol(nfs4, Set.of("100003:4"))));
    private final SharedRpcPort port = new SharedRpcPort("nfs4+nfs3", List.of("nfs4", "nfs3"), present::get);

    /** A record-marked call header of {@code program} and {@code version}, then a body. */
    private static ByteBuf call(int program, int version) {
        ByteBuf b = Unpooled.buffer();
        b.writeInt(0x80000000 | 28).writeInt(0x1234).writeInt(0).writeInt(2).writeInt(program).writeInt(version)
                .writeInt(1).writeInt(0xCAFE);
        return b;
    }

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        port.initChannel(ch);
        ch.pipeline().fireChannelActive();
        return ch;
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), out);
        return out;
    }

    @Test
    public void aCallGoesWholeToTheProtocolOfItsVersionWithTheHeldBackActivation() {
        EmbeddedChannel ch = channel();
        ByteBuf first = call(100003, 4);
        byte[] expected = bytes(first);
        ch.writeInbound(first.retainedSlice(0, 10));
        assertEquals("nothing is chosen before the version arrives", 0, nfs4.channels);
        ch.writeInbound(first.retainedSlice(10, first.readableBytes() - 10));
        first.release();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));

        assertEquals(1, nfs4.channels);
        assertEquals(0, nfs3.channels);
        assertTrue(nfs4.active);
        byte[] all = bytes(nfs4.received);
        assertEquals(expected.length + 3, all.length);
        assertEquals(java.nio.ByteBuffer.wrap(expected), java.nio.ByteBuffer.wrap(all, 0, expected.length));
        assertNull("the router has left the pipeline", ch.pipeline().get("rpc-first-call"));
        ch.finishAndReleaseAll();
        nfs4.received.release();
        nfs3.received.release();
    }

    @Test
    public void anUnservedVersionGoesToTheProtocolOfItsProgramAndAnUnknownProgramToTheFirst() {
        assertEquals(nfs3, port.choose(100003, 3));
        assertEquals(nfs4, port.choose(100003, 4));
        assertEquals("it answers PROG_MISMATCH", nfs4, port.choose(100003, 2));
        assertEquals("it answers PROG_UNAVAIL", nfs4, port.choose(100005, 3));
        present.remove("nfs4");
        assertEquals(nfs3, port.choose(100003, 4));
        assertEquals(List.of("nfs4"), port.missing());
        nfs4.received.release();
        nfs3.received.release();
    }

    @Test
    public void aConnectionIsClosedWhenNoneOfItsProtocolsIsPresent() {
        present.clear();
        EmbeddedChannel ch = channel();
        ch.writeInbound(call(100003, 3));
        assertFalse(ch.isOpen());
        assertFalse(port.anyPresent());
        ch.finishAndReleaseAll();
        nfs4.received.release();
        nfs3.received.release();
    }
}
