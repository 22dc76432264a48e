package io.manticore.core.internal.vfs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.manticore.api.config.MountConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ShellConfig;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.CreateMode;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.MountSpec;
import io.manticore.api.vfs.OpenFile;
import io.manticore.api.vfs.OpenFlags;
import io.manticore.api.vfs.ReadResult;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Stability;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsMount;
import io.manticore.api.vfs.WriteResult;
import io.manticore.core.internal.lease.CoreLeaseManager;
import io.manticore.core.internal.runtime.CoreScheduler;
import io.manticore.vfs.memfs.internal.MemfsModule;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * What core's dispatch costs on memfs: each operation through core's {@link Vfs} (name checks,
 * caches, permissions, counters, in-flight accounting) beside the same call made on a memfs
 * mount directly. The difference is core's overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class VfsDispatchBench {

    private static final Cred USER = new Cred(1000, 1000, new int[0]);
    private static final int BLOCK = 4096;

    private CoreScheduler scheduler;
    private VfsCore core;
    private Vfs vfs;
    private FileHandle root;
    private FileHandle file;

    private VfsMount direct;
    private FileHandle directRoot;
    private FileHandle directFile;
    private OpenFile directOpen;

    private ByteBuf block;

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = new CoreScheduler();
        core = new VfsCore(scheduler, VfsCore.DEFAULT_SETTINGS, new CoreLeaseManager());
        MemfsModule memfs = new MemfsModule();
        core.moduleBound(memfs, "io.manticore.vfs.memfs", "bench");
        core.configApplied(new ServerConfig(VfsCore.DEFAULT_SETTINGS, List.of(),
                Map.of("bench", new MountConfig("memfs", "/", Map.of("size", "256m"))), Map.of(), Map.of(), Map.of(),
                List.of(), List.of(), S3Settings.DEFAULTS, new ShellConfig(false, "127.0.0.1", 0)));
        vfs = core.vfs();
        root = vfs.root("bench");
        vfs.setattr(Cred.ROOT, root, SetAttrs.mode(0777), io.manticore.api.vfs.Guard.NONE).toCompletableFuture().join();
        file = vfs.openAt(USER, root, "data", OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.mode(0644), AttrMask.ALL)
                .toCompletableFuture().join().file().handle();

        direct = new MemfsModule().mount(new MountSpec("direct", MountId.forName("direct"), "/", Map.of("size", "256m")), null);
        directRoot = direct.root();
        directFile = direct.openAt(USER, directRoot, "data", OpenFlags.create(CreateMode.CREATE_NEW), SetAttrs.mode(0644),
                AttrMask.ALL).toCompletableFuture().join().file().handle();
        directOpen = direct.open(USER, directFile, true).toCompletableFuture().join();

        block = PooledByteBufAllocator.DEFAULT.directBuffer(BLOCK);
        block.writeZero(BLOCK);
        vfs.write(USER, file, 0, block.retainedDuplicate(), Stability.UNSTABLE).toCompletableFuture().join();
        direct.write(USER, directOpen, 0, block.retainedDuplicate(), Stability.UNSTABLE).toCompletableFuture().join();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        block.release();
        direct.close(directOpen).toCompletableFuture().join();
        direct.unmount();
        core.close();
        scheduler.close();
    }

    @Benchmark
    public Attrs getattr() {
        return vfs.getattr(USER, file, AttrMask.ALL).toCompletableFuture().join();
    }

    @Benchmark
    public Attrs getattrDirect() {
        return direct.getattr(USER, directFile, AttrMask.ALL).toCompletableFuture().join();
    }

    @Benchmark
    public Lookup lookup() {
        return vfs.lookup(USER, root, "data", AttrMask.ALL).toCompletableFuture().join();
    }

    @Benchmark
    public Lookup lookupDirect() {
        return direct.lookup(USER, directRoot, "data", AttrMask.ALL).toCompletableFuture().join();
    }

    @Benchmark
    public int read4k() {
        ReadResult r = vfs.read(USER, file, 0, BLOCK).toCompletableFuture().join();
        int n = r.data().readableBytes();
        r.data().release();
        return n;
    }

    @Benchmark
    public int read4kDirect() {
        ReadResult r = direct.read(USER, directOpen, 0, BLOCK).toCompletableFuture().join();
        int n = r.data().readableBytes();
        r.data().release();
        return n;
    }

    @Benchmark
    public WriteResult write4k() {
        return vfs.write(USER, file, 0, block.retainedDuplicate(), Stability.UNSTABLE).toCompletableFuture().join();
    }

    @Benchmark
    public WriteResult write4kDirect() {
        return direct.write(USER, directOpen, 0, block.retainedDuplicate(), Stability.UNSTABLE).toCompletableFuture().join();
    }
}
