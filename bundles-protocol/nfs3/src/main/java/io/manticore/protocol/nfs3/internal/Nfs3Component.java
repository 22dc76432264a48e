package io.manticore.protocol.nfs3.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.manticore.api.admin.ClientSource;
import io.manticore.api.config.ConfigService;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.runtime.Handover;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.nfs3.internal.client.Clients;
import io.manticore.protocol.nfs3.internal.client.NfsClientSource;
import io.manticore.protocol.nfs3.internal.mount.MountProgram;
import io.manticore.protocol.nfs3.internal.nfs.Nfs3Program;
import io.manticore.protocol.nfs3.internal.nlm.Callbacks;
import io.manticore.protocol.nfs3.internal.nlm.MonitoredHosts;
import io.manticore.protocol.nfs3.internal.nlm.NlmProgram;
import io.manticore.protocol.nfs3.internal.nlm.NlmService;
import io.manticore.protocol.nfs3.internal.nlm.NsmProgram;
import io.manticore.protocol.nfscommon.internal.export.Exports;
import io.manticore.protocol.nfscommon.internal.handle.HandleKey;
import io.manticore.protocol.nfscommon.internal.handle.WireHandles;
import io.manticore.protocol.oncrpc.internal.RpcCaller;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NFSv3 service: registers the protocols "nfs3" (NFS program 100003 v3), "mount" (MOUNT
 * 100005 v1–3), "nlm" (NLM 100021 v4) and "nsm" (NSM 100024 v1), which share the export table,
 * the handle key, the client records and core's lease manager.
 */
@Component(immediate = true)
public final class Nfs3Component {

    /** Framework property: where clients' portmappers listen, for NLM and NSM callbacks (tests run their own). */
    static final String CALLBACK_PORTMAP_PORT = "manticore.nlm.callback.portmap.port";
    /** Handover keys of the duplicate-request caches, one per protocol. */
    private static final String REPLIES = "nfs3.replies.";
    private static final Logger LOG = LoggerFactory.getLogger(Nfs3Component.class);

    private final List<ServiceRegistration<ProtocolHandler>> registrations = new ArrayList<>();
    private final List<RpcProtocol> protocols = new ArrayList<>();
    private final EventLoopGroup callbackLoop;
    private final ServiceRegistration<ClientSource> clientSource;
    private final Handover handover;

    @Activate
    public Nfs3Component(BundleContext context, @Reference Vfs vfs, @Reference ConfigService config,
                         @Reference LeaseManager leases, @Reference Handover handover) {
        this.handover = handover;
        byte[] key;
        MonitoredHosts hosts;
        try {
            key = HandleKey.load(config.varDirectory());
            hosts = new MonitoredHosts(config.varDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the NFS state under " + config.varDirectory(), e);
        }
        NfsServer server = new NfsServer(vfs, new Exports(config), new WireHandles(key), new Clients());
        // One thread of its own for the rare calls back to clients, which may come before any connection.
        callbackLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Callbacks callbacks = new Callbacks(new RpcCaller(callbackLoop, NioSocketChannel.class),
                intProperty(context, CALLBACK_PORTMAP_PORT, 111));
        NlmService nlm = new NlmService(server, leases, hosts, callbacks, hostName(),
                Duration.ofSeconds(config.current().server().nlmGraceSeconds()));
        // Registered only once everything is built, so a failure above leaves no service behind.
        // NFS is not served over UDP: READ and READDIR replies of the sizes FSINFO offers do not fit in a datagram.
        register(context, new RpcProtocol("nfs3", server, false, c -> List.of(new Nfs3Program(server, c))),
                Nfs3Program.PROGRAM + ":" + Nfs3Program.VERSION);
        register(context, new RpcProtocol("mount", server, true, c -> List.of(new MountProgram(server, c))),
                MountProgram.PROGRAM + ":1", MountProgram.PROGRAM + ":2", MountProgram.PROGRAM + ":3");
        register(context, new RpcProtocol("nlm", server, true, c -> List.of(new NlmProgram(nlm, c))),
                "100021:4");
        register(context, new RpcProtocol("nsm", server, true, c -> List.of(new NsmProgram(nlm, c))),
                "100024:1");
        clientSource = context.registerService(ClientSource.class, new NfsClientSource(server.clients()), null);
    }

    private void adoptReplies(RpcProtocol protocol) {
        Object state = handover.take(REPLIES + protocol.name());
        if (state == null) {
            return;
        }
        try {
            LOG.info("{}: {} cached replies taken over", protocol.name(), protocol.adoptReplies(state));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: the previous version's cached replies are lost: {}", protocol.name(), e.getMessage());
        }
    }

    private static int intProperty(BundleContext context, String name, int fallback) {
        String value = context.getProperty(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private void register(BundleContext context, RpcProtocol handler, String... programs) {
        protocols.add(handler);
        adoptReplies(handler);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ProtocolHandler.PROTOCOL_PROPERTY, handler.name());
        props.put(ProtocolHandler.RPC_PROGRAMS_PROPERTY, programs);
        registrations.add(context.registerService(ProtocolHandler.class, handler, props));
    }

    @Deactivate
    void deactivate() {
        clientSource.unregister();
        for (ServiceRegistration<ProtocolHandler> r : registrations) {
            r.unregister();
        }
        registrations.clear();
        // A client that retransmits to the next version still gets the first reply of a call that ran here.
        for (RpcProtocol p : protocols) {
            handover.deposit(REPLIES + p.name(), p.handOverReplies(), () -> { });
        }
        callbackLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
