package io.manticore.protocol.portmap.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.config.ConfigListener;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.runtime.Scheduler;
import io.manticore.protocol.oncrpc.internal.RpcCaller;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While {@code server.rpcbind_register} is on, registers Manticore's RPC programs with the host's
 * own rpcbind on 127.0.0.1 instead of serving portmap: each program version a protocol declares,
 * at the port of its first BOUND listener that takes IPv4, as port mapper version 2 TCP mappings.
 * Kept in step every {@value #PERIOD_MILLIS} ms and at every configuration applied; everything it
 * registered is unregistered when the option is turned off and when the component stops.
 */
@Component(immediate = true, service = ConfigListener.class)
public final class SystemRpcbind implements ConfigListener {

    /** Framework property: the TCP port of the host's rpcbind on 127.0.0.1 (default 111; tests run a fake one elsewhere). */
    static final String PORT_PROPERTY = "manticore.rpcbind.port";
    static final int DEFAULT_PORT = 111;
    static final long PERIOD_MILLIS = 2000;
    /** A local binder answers at once; this bounds a pass against one that hangs. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    /** How long stopping waits for the pass in progress and the last UNSETs. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(SystemRpcbind.class);

    private final RpcProgramDirectory directory;
    private final int port;
    private final EventLoopGroup group;
    private final RpcbindRegistrar registrar;
    private final ScheduledFuture<?> timer;
    private volatile boolean enabled;
    private volatile boolean stopping;
    /** Whether Manticore's own portmap listener was last seen on the binder's port; on the registrar's loop only. */
    private boolean sharedPort;

    @Activate
    public SystemRpcbind(BundleContext context, @Reference RpcProgramDirectory directory, @Reference Scheduler scheduler) {
        this(directory, scheduler, port(context));
        LOG.debug("rpcbind registration ready for 127.0.0.1:{}, used while server.rpcbind_register is true", port);
    }

    /** For tests: registration with the binder on 127.0.0.1:{@code port}, without OSGi. */
    SystemRpcbind(RpcProgramDirectory directory, Scheduler scheduler, int port) {
        this.directory = directory;
        this.port = port;
        // One thread of its own: every pass and every call to the binder runs on it.
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        PmapClient binder = new PmapClient(new RpcCaller(group, NioSocketChannel.class),
                new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port), CALL_TIMEOUT);
        registrar = new RpcbindRegistrar(binder, this::wanted, group.next());
        timer = scheduler.scheduleAtFixedRate(registrar::reconcile, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void configApplied(ServerConfig config) {
        boolean on = config.server().rpcbindRegister();
        if (on != enabled) {
            enabled = on;
            LOG.info(on ? "Registering Manticore's RPC programs with the rpcbind at 127.0.0.1:{}"
                    : "Unregistering Manticore's RPC programs from the rpcbind at 127.0.0.1:{}", port);
        }
        registrar.reconcile();
    }

    /** Unregisters what was registered, waiting at most {@link #STOP_TIMEOUT}. */
    @Deactivate
    void deactivate() {
        timer.cancel(false);
        stopping = true;
        try {
            registrar.reconcile().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Stopped before every registration with the rpcbind at 127.0.0.1:{} was undone", port);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        LOG.debug("rpcbind registration stopped");
    }

    /** For tests: a pass now; the stage completes when it has ended. */
    CompletionStage<Void> reconcile() {
        return registrar.reconcile();
    }

    /** The TCP port of each program version to register: none unless the option is on and the component running. */
    private Map<ProgramVersion, Integer> wanted() {
        Map<ProgramVersion, Integer> want = new LinkedHashMap<>();
        boolean portmapOnPort = false;
        if (enabled && !stopping) {
            for (Mapping m : directory.mappings()) {
                if (m.program() == PortmapProgram.PROGRAM) {
                    portmapOnPort |= m.address().getPort() == port;
                } else if (m.netid() == Netid.TCP) {
                    // RFC 1833 3.1: version 2 maps IPv4 only; the first listener wins, as GETPORT answers.
                    want.putIfAbsent(new ProgramVersion(m.program(), m.version()), m.address().getPort());
                }
            }
        }
        if (portmapOnPort && !sharedPort) {
            LOG.warn("server.rpcbind_register is on and Manticore's own portmap listener is bound on port {}, where the "
                    + "host's rpcbind is expected: only one can own it; remove the portmap listener", port);
        }
        sharedPort = portmapOnPort;
        return want;
    }

    private static int port(BundleContext context) {
        String value = context.getProperty(PORT_PROPERTY);
        if (value == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port <= 0xffff) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Falls through to the warning below.
        }
        LOG.warn("Ignoring {}={}: not a TCP port; using {}", PORT_PROPERTY, value, DEFAULT_PORT);
        return DEFAULT_PORT;
    }
}
