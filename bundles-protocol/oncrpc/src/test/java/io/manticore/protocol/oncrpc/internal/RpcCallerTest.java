package io.manticore.protocol.oncrpc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.testkit.LeakCheck;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

public class RpcCallerTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private static final int PROGRAM = 400123;
    private EventLoopGroup group;
    private Channel server;
    private RpcCaller caller;

    /** Version 1: procedure 1 adds its two arguments; procedure 2 never answers. */
    private final RpcProgram adder = new RpcProgram() {
        @Override
        public int program() {
            return PROGRAM;
        }

        @Override
        public int lowestVersion() {
            return 1;
        }

        @Override
        public int highestVersion() {
            return 1;
        }

        @Override
        public RpcProcedure procedure(int version, int procedure) {
            return switch (procedure) {
                case 1 -> (call, args) -> {
                    int sum = args.readInt() + args.readInt();
                    return CompletableFuture.completedFuture(RpcResult.success(out -> out.writeInt(sum)));
                };
                case 2 -> (call, args) -> new CompletableFuture<>();
                default -> null;
            };
        }
    };

    @Before
    public void startServer() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        RpcPipeline.install(ch.pipeline(), new RpcPrograms(List.of(adder)));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        caller = new RpcCaller(group, NioSocketChannel.class);
    }

    @After
    public void stop() throws Exception {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Test
    public void successfulCallReturnsDecodedResults() throws Exception {
        int sum = caller.call(address(), PROGRAM, 1, 1, out -> out.writeInt(40).writeInt(2),
                in -> in.readInt(), Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(42, sum);
    }

    @Test
    public void unavailableProcedureFailsTheCall() throws Exception {
        assertCallFails(caller.call(address(), PROGRAM, 1, 9, out -> { }, in -> 0, Duration.ofSeconds(5)), "accept_stat 3");
    }

    @Test
    public void unansweredCallTimesOut() throws Exception {
        assertCallFails(caller.call(address(), PROGRAM, 1, 2, out -> { }, in -> 0, Duration.ofMillis(200)), "no reply");
    }

    @Test
    public void refusedConnectionFailsTheCall() throws Exception {
        InetSocketAddress closed = address();
        server.close().sync();
        assertCallFails(caller.call(closed, PROGRAM, 1, 1, out -> out.writeInt(1).writeInt(2), in -> 0,
                Duration.ofSeconds(5)), "cannot connect");
    }

    private static void assertCallFails(java.util.concurrent.CompletionStage<Integer> call, String why) throws Exception {
        try {
            call.toCompletableFuture().get(10, TimeUnit.SECONDS);
            fail("the call succeeded");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof RpcCallException);
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains(why));
        }
    }
}
