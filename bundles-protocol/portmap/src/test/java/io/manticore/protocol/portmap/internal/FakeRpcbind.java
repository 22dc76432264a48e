package io.manticore.protocol.portmap.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.RpcPipeline;
import io.manticore.protocol.oncrpc.internal.RpcProcedure;
import io.manticore.protocol.oncrpc.internal.RpcProgram;
import io.manticore.protocol.oncrpc.internal.RpcPrograms;
import io.manticore.protocol.oncrpc.internal.RpcResult;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * A host's port mapper, version 2 only, on a loopback port of its own: its table is keyed by
 * (program, version, protocol) as rpcbind's is, SET refuses a taken key, UNSET removes the program
 * version on every protocol. It records every SET and UNSET it gets, and can stop and start again
 * on the same port with an empty table, as a restarted rpcbind does.
 */
final class FakeRpcbind implements AutoCloseable {

    /** Every SET and UNSET received, in order: {@code "SET 100003 3 6 2049"}, {@code "UNSET 100003 3"}. */
    final List<String> changes = new CopyOnWriteArrayList<>();
    /** Every call received, DUMP and NULL included. */
    final AtomicInteger calls = new AtomicInteger();
    /** While true, every SET is answered false. */
    volatile boolean refuseSets;

    private final EventLoopGroup group;
    private final Map<List<Integer>, Integer> table = new LinkedHashMap<>();
    private final List<Channel> accepted = new CopyOnWriteArrayList<>();
    private Channel server;
    private int port;

    FakeRpcbind(EventLoopGroup group) throws InterruptedException {
        this.group = group;
        start();
    }

    int port() {
        return port;
    }

    /**
     * Listens, with an empty table, on a port below the ephemeral range (the same one every later
     * time): an ephemeral port could be taken, while stopped, as the local port of a client's connection.
     */
    void start() throws InterruptedException {
        synchronized (table) {
            table.clear();
        }
        if (port == 0) {
            port = freePortBelowEphemeralRange();
        }
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.add(ch);
                        ch.closeFuture().addListener(f -> accepted.remove(ch));
                        RpcPipeline.install(ch.pipeline(), new RpcPrograms(List.of(new Program())));
                    }
                });
        // The connections closed by stop() hold the port until their clients close too: wait for that.
        for (int attempt = 1; ; attempt++) {
            ChannelFuture bound = bootstrap.bind("127.0.0.1", port).await();
            if (bound.isSuccess()) {
                server = bound.channel();
                return;
            }
            if (attempt == 100) {
                throw new IllegalStateException("cannot listen on " + port + " again", bound.cause());
            }
            Thread.sleep(20);
        }
    }

    private static int freePortBelowEphemeralRange() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20000 + ThreadLocalRandom.current().nextInt(12000);
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress("127.0.0.1", candidate));
                return candidate;
            } catch (IOException taken) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    /** Stops listening: calls are refused until {@link #start()}. */
    void stop() throws InterruptedException {
        server.close().sync();
        // Linux refuses to listen again on a port that still has established connections.
        for (Channel ch : accepted) {
            ch.close().sync();
        }
    }

    /** Puts a mapping in the table, as another server's SET would. */
    void map(int program, int version, int protocol, int port) {
        synchronized (table) {
            table.put(List.of(program, version, protocol), port);
        }
    }

    /** The table as {@code "program version protocol port"} lines, in the order the mappings came. */
    List<String> table() {
        synchronized (table) {
            List<String> out = new ArrayList<>();
            table.forEach((key, port) -> out.add(key.get(0) + " " + key.get(1) + " " + key.get(2) + " " + port));
            return out;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private final class Program implements RpcProgram {

        @Override
        public int program() {
            return PortmapProgram.PROGRAM;
        }

        @Override
        public int lowestVersion() {
            return PortmapProgram.PMAP_VERSION;
        }

        @Override
        public int highestVersion() {
            return PortmapProgram.PMAP_VERSION;
        }

        @Override
        public RpcProcedure procedure(int version, int procedure) {
            return switch (procedure) {
                case PmapProcedures.NULL -> (call, args) -> answer(out -> { });
                case PmapProcedures.SET -> (call, args) -> {
                    PmapMapping m = PmapMapping.decode(args);
                    changes.add("SET " + m.program() + " " + m.version() + " " + m.protocol() + " " + m.port());
                    boolean taken;
                    synchronized (table) {
                        taken = !refuseSets && table.putIfAbsent(List.of(m.program(), m.version(), m.protocol()), m.port()) == null;
                    }
                    return answer(out -> out.writeBool(taken));
                };
                case PmapProcedures.UNSET -> (call, args) -> {
                    PmapMapping m = PmapMapping.decode(args);
                    changes.add("UNSET " + m.program() + " " + m.version());
                    boolean removed;
                    synchronized (table) {
                        removed = table.keySet().removeIf(k -> k.get(0) == m.program() && k.get(1) == m.version());
                    }
                    return answer(out -> out.writeBool(removed));
                };
                case PmapProcedures.DUMP -> (call, args) -> {
                    List<PmapMapping> all = new ArrayList<>();
                    synchronized (table) {
                        table.forEach((k, p) -> all.add(new PmapMapping(k.get(0), k.get(1), k.get(2), p)));
                    }
                    return answer(out -> XdrLists.write(out, all, (o, m) -> m.encode(o)));
                };
                default -> null;
            };
        }

        private CompletionStage<RpcResult> answer(Consumer<XdrEncoder> results) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(RpcResult.success(results));
        }
    }
}
