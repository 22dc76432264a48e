package io.manticore.protocol.nfs4.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ExportConfig;
import io.manticore.api.config.ServerConfig;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.nfs4.internal.op.Nfs4Operations;

/**
 * The NFSv4 service over core's real VFS with a memfs mount "mem", exports the tests choose, a
 * lease clock the tests move, and a channel per client ({@link Nfs4TestClient}).
 */
public final class Nfs4Fixture implements AutoCloseable {

    /** Two days after the epoch: the server instance's start, so client ids of "earlier" instances exist. */
    public static final long START_MILLIS = 2L * 24 * 3600 * 1000;
    public static final Duration LEASE = Duration.ofSeconds(90);

    private final TestVfs testVfs = new TestVfs();
    private final Map<String, ExportConfig> exports = new LinkedHashMap<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private long generation;
    private final Nfs4Server server;
    private final Nfs4Protocol protocol;

    public Nfs4Fixture() {
        this(Nfs4Settings.DEFAULTS.withLease(LEASE));
    }

    public Nfs4Fixture(Nfs4Settings settings) {
        export("/mem", false, "none", List.of("127.0.0.0/8"));
        server = Nfs4Server.create(testVfs.vfs(), config(), testVfs.leases(), new byte[32], settings, nanos::get,
                START_MILLIS, "test");
        protocol = new Nfs4Protocol(server, Nfs4Operations.table());
    }

    /** Exports {@code path} (which must exist) to {@code clients}, replacing an export of the same path. */
    public Nfs4Fixture export(String path, boolean readOnly, String squash, List<String> clients) {
        exports.put(path, new ExportConfig(path, readOnly, squash, clients, 65534, 65534));
        generation++;
        return this;
    }

    public Nfs4Fixture unexport(String path) {
        exports.remove(path);
        generation++;
        return this;
    }

    public TestVfs vfs() {
        return testVfs;
    }

    public Nfs4Server server() {
        return server;
    }

    public Nfs4Protocol protocol() {
        return protocol;
    }

    /** Moves the lease clock. */
    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    /** A new client connection (AUTH_SYS as root). */
    public Nfs4TestClient client() {
        return new Nfs4TestClient(protocol);
    }

    private ConfigService config() {
        ConfigService base = testVfs.configService();
        return new ConfigService() {
            @Override
            public ServerConfig current() {
                ServerConfig c = base.current();
                return new ServerConfig(c.server(), c.listeners(), c.mounts(), exports, c.shares(), c.buckets(), c.users(),
                        c.s3AccessKeys(), c.s3(), c.shell());
            }

            @Override
            public long generation() {
                return base.generation() * 1_000_000 + generation;
            }

            @Override
            public Path home() {
                return base.home();
            }

            @Override
            public Path varDirectory() {
                return base.varDirectory();
            }
        };
    }

    @Override
    public void close() {
        server.state().releaseAll();
        testVfs.close();
    }
}
