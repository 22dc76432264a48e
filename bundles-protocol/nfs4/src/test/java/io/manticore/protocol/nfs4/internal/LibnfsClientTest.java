package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.manticore.api.cred.Cred;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.testkit.LeakCheck;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * A real client: libnfs's nfs-ls, nfs-cat and nfs-cp (NFSv4.0) against the service on a loopback
 * socket of this JVM. Debian's libnfs writes at most about 4 KB per call over NFSv4, so the
 * upload stays under that.
 */
public class LibnfsClientTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final Nfs4Fixture fixture = new Nfs4Fixture();
    private EventLoopGroup group;
    private Channel server;
    private int port;

    @Before
    public void start() {
        assumeTrue("libnfs-utils is installed", Files.isExecutable(Path.of("/usr/bin/nfs-cat")));
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        fixture.protocol().initChannel(ch);
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @After
    public void stop() throws Exception {
        if (server != null) {
            CompletableFuture<Void> drained = fixture.protocol().drain();
            server.close().syncUninterruptibly();
            drained.get(10, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        fixture.close();
    }

    private String url(String path) {
        return "nfs://127.0.0.1" + path + "?version=4&nfsport=" + port;
    }

    @Test
    public void nfsLsListsADirectoryAndNfsCatReadsAFileByteForByte() throws Exception {
        byte[] content = new byte[1024 * 1024 + 1];
        new Random(4).nextBytes(content);
        fixture.vfs().write(Cred.ROOT, "/mem/data/big.bin", content);
        fixture.vfs().write(Cred.ROOT, "/mem/data/small.txt", "small\n".getBytes(StandardCharsets.UTF_8));
        fixture.vfs().mkdirs("/mem/data/sub");

        String listing = new String(run("nfs-ls", url("/mem/data")), StandardCharsets.UTF_8);
        for (String name : List.of("big.bin", "small.txt", "sub")) {
            assertTrue(name + " in:\n" + listing, listing.lines().anyMatch(l -> l.endsWith(" " + name)));
        }
        assertTrue(listing, listing.lines().anyMatch(l -> l.contains("1048577") && l.endsWith(" big.bin")));

        assertArrayEquals(content, run("nfs-cat", url("/mem/data/big.bin")));
    }

    @Test
    public void nfsCpWritesASmallFile() throws Exception {
        fixture.vfs().mkdirs("/mem/in");
        byte[] upload = new byte[3000];
        new Random(5).nextBytes(upload);
        Path local = tmp.newFile("upload.bin").toPath();
        Files.write(local, upload);
        run("nfs-cp", local.toString(), url("/mem/in/upload.bin"));
        ByteBuf stored = TestVfs.await(fixture.vfs().vfs().read(Cred.ROOT, fixture.vfs().resolve("/mem/in/upload.bin"), 0, 8192))
                .data();
        try {
            byte[] bytes = new byte[stored.readableBytes()];
            stored.readBytes(bytes);
            assertArrayEquals(upload, bytes);
        } finally {
            stored.release();
        }
    }

    /** Runs a libnfs tool and returns what it printed; it must exit 0 within 60 s. */
    private static byte[] run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        assertTrue(String.join(" ", command) + " did not finish", process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command) + " failed: " + new String(err.join(), StandardCharsets.UTF_8), 0,
                process.exitValue());
        return out.join();
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
