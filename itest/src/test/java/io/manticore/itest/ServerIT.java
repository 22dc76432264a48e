package io.manticore.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.config.ConfigService;
import io.manticore.api.cred.Cred;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.runtime.Scheduler;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsModule;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The assembled server: its services, the configured mount served through the VFS, a
 * listener bound when its protocol arrives, live configuration changes, and the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServerIT {

    static final String CONFIG = """
            {
              "listeners": [ { "protocol": "echo", "transport": "tcp", "address": "127.0.0.1", "port": 0 } ],
              "mounts": { "mem": { "module": "memfs", "options": { "size": "64m" } } },
              "exports": { "/mem": { "access": "rw" } },
              "shares": { "mem": { "path": "/mem", "comment": "test share" } },
              "buckets": { "mem-bucket": { "path": "/mem" } },
              "shell": { "ssh": false }
            }
            """;

    @Inject
    private BundleContext context;
    @Inject
    private ConfigService config;
    @Inject
    private MountAdmin mounts;
    @Inject
    private ListenerAdmin listeners;
    @Inject
    private Vfs vfs;
    @Inject
    private Scheduler scheduler;
    @Inject
    private CommandProcessor commands;

    private LeakLog leaks;

    @Configuration
    public Option[] config() {
        return Assembly.server(Assembly.newHome("server", CONFIG));
    }

    @Before
    public void watchLeaks() {
        leaks = LeakLog.attach();
    }

    @After
    public void noLeaks() throws InterruptedException {
        List<String> found = leaks.collect();
        leaks.detach();
        assertTrue("buffer leaks: " + found, found.isEmpty());
    }

    private MountInfo mount(String name) {
        return mounts.mounts().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    private void awaitActive(String name) throws InterruptedException {
        Await.until("mount " + name + " ACTIVE", 20_000, () -> mount(name) != null && mount(name).state().equals("ACTIVE"));
    }

    @Test
    public void theServicesOfTheAssembledServerArePresent() throws Exception {
        assertNotNull(scheduler);
        assertEquals(1, config.generation());
        Await.until("the memfs module from deploy/", 20_000,
                () -> mounts.modules().stream().anyMatch(m -> m.name().equals("memfs")));
        assertEquals("io.manticore.vfs.memfs", mounts.modules().stream().filter(m -> m.name().equals("memfs"))
                .findFirst().orElseThrow().bundle());
        Await.until("the tcp transport from deploy/", 20_000, () -> {
            try {
                return !context.getServiceReferences(io.manticore.api.transport.Transport.class, "(transport=tcp)").isEmpty();
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1, context.getServiceReferences(VfsModule.class, "(vfs.module=memfs)").size());
    }

    @Test
    public void theConfiguredMountServesFilesThroughTheVfs() throws Exception {
        awaitActive("mem");
        FileHandle root = vfs.root("mem");
        byte[] content = VfsClient.random(7, 300_001);
        FileHandle fh = VfsClient.create(vfs, root, "hello.bin", content);
        assertArrayEquals(content, VfsClient.read(vfs, fh, content.length));
        assertEquals(content.length, vfs.getattr(Cred.ROOT, fh, AttrMask.ALL).toCompletableFuture().join().size());
        List<DirEntry> entries = vfs.readdir(Cred.ROOT, root, 0, 0, 100, AttrMask.ALL).toCompletableFuture().join().entries();
        assertTrue(entries.stream().anyMatch(e -> e.name().equals("hello.bin") && e.fh().equals(fh)));
        assertEquals(fh, vfs.resolve(Cred.ROOT, "/mem/hello.bin").toCompletableFuture().join().fh());
    }

    @Test
    public void aConfiguredListenerBindsWhenItsProtocolArrivesAndClosesWhenItLeaves() throws Exception {
        Await.until("the echo listener waiting for its protocol", 20_000,
                () -> listener().state().equals("WAITING") && listener().detail().contains("no protocol 'echo'"));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ProtocolHandler.PROTOCOL_PROPERTY, "echo");
        ServiceRegistration<ProtocolHandler> reg = context.registerService(ProtocolHandler.class, new Echo(), props);
        try {
            Await.until("the echo listener bound", 20_000, () -> listener().state().equals("BOUND"));
            int port = listener().boundPort();
            try (Socket s = new Socket("127.0.0.1", port)) {
                byte[] hello = "through the listener manager".getBytes(StandardCharsets.US_ASCII);
                s.getOutputStream().write(hello);
                assertArrayEquals(hello, s.getInputStream().readNBytes(hello.length));
                Await.until("one connection counted", 5_000, () -> listener().connections() == 1);
                reg.unregister();
                reg = null;
                Await.until("the echo listener waiting again", 20_000, () -> listener().state().equals("WAITING"));
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                assertEquals("the connection is closed with its listener", -1, in.read());
            }
        } finally {
            if (reg != null) {
                reg.unregister();
            }
        }
    }

    @Test
    public void configurationChangesAreAppliedLiveAndInvalidOnesRefused() throws Exception {
        awaitActive("mem");
        Path file = config.home().resolve("etc/manticore.json");
        long generation = config.generation();
        String withScratch = CONFIG.replace("\"mounts\": {", "\"mounts\": { \"scratch\": { \"module\": \"memfs\" },");
        write(file, withScratch, 1);
        awaitActive("scratch");
        assertEquals(generation + 1, config.generation());

        write(file, withScratch.replace("\"module\": \"memfs\" },", "\"modul\": \"memfs\" },"), 2);
        Thread.sleep(3_000); // three polls of the file: the invalid change must not be applied
        assertEquals(generation + 1, config.generation());
        assertEquals("ACTIVE", mount("scratch").state());

        write(file, CONFIG, 3);
        Await.until("scratch unmounted", 20_000, () -> mount("scratch") == null);
        assertEquals(generation + 2, config.generation());
        assertEquals("ACTIVE", mount("mem").state());
    }

    @Test
    public void shellCommandsPrintReadableTables() throws Exception {
        awaitActive("mem");
        String out = run("nas:mounts");
        assertTrue(out, out.contains("NAME") && out.contains("MODULE") && out.contains("STATE"));
        assertTrue(out, out.lines().anyMatch(l -> l.startsWith("mem ") && l.contains("memfs") && l.contains("ACTIVE")));
        assertTrue(run("nas:modules"), run("nas:modules").contains("io.manticore.vfs.memfs"));
        assertTrue(run("nas:listeners"), run("nas:listeners").lines().anyMatch(l -> l.startsWith("echo") && l.contains("tcp")));
        assertTrue(run("nas:exports"), run("nas:exports").contains("/mem"));
        assertTrue(run("nas:shares"), run("nas:shares").contains("test share"));
        assertTrue(run("nas:buckets"), run("nas:buckets").contains("mem-bucket"));
        vfs.getattr(Cred.ROOT, vfs.root("mem"), AttrMask.ALL).toCompletableFuture().join();
        String stats = run("nas:stats");
        assertTrue(stats, stats.contains("module:memfs") && stats.contains("getattr"));
        assertTrue(run("nas:cache"), run("nas:cache").contains("HIT-RATE"));
    }

    private ListenerInfo listener() {
        return listeners.listeners().stream().filter(l -> l.protocol().equals("echo")).findFirst().orElseThrow();
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandSession session = commands.createSession(InputStream.nullInputStream(), out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result, org.apache.felix.service.command.Converter.INSPECT));
            }
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void write(Path file, String content, int step) throws Exception {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + step * 10_000L));
    }

    /** A protocol that sends back what it receives. */
    private static final class Echo implements ProtocolHandler {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void initChannel(Channel channel) {
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ctx.writeAndFlush((ByteBuf) msg);
                }
            });
        }
    }
}
