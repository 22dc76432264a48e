package io.manticore.protocol.nfs4.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.manticore.api.admin.ClientSource;
import io.manticore.api.config.ConfigService;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.runtime.Scheduler;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.nfs4.internal.client.Nfs4ClientSource;
import io.manticore.protocol.nfs4.internal.compound.Nfs4Program;
import io.manticore.protocol.nfs4.internal.op.Nfs4Operations;
import io.manticore.protocol.nfscommon.internal.handle.HandleKey;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NFSv4 service: registers the protocol "nfs4" (NFS program 100003 v4, minor versions 0–2)
 * and its clients for the shell, and expires clients whose lease ran out. Handles are signed with
 * the same key as NFSv3's, under var/.
 */
@Component(immediate = true)
public final class Nfs4Component {

    /** Framework property: the lease time in seconds (90 by default). */
    static final String LEASE_SECONDS = "manticore.nfs4.lease.seconds";
    /** How long deactivation waits for connections to answer their calls in flight. */
    private static final long DRAIN_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Nfs4Component.class);

    private final Nfs4Server server;
    private final Nfs4Protocol protocol;
    private final ServiceRegistration<ProtocolHandler> registration;
    private final ServiceRegistration<ClientSource> clientSource;
    private final ScheduledFuture<?> expiry;

    @Activate
    public Nfs4Component(BundleContext context, @Reference Vfs vfs, @Reference ConfigService config,
                         @Reference LeaseManager leases, @Reference Scheduler scheduler) {
        byte[] key;
        try {
            key = HandleKey.load(config.varDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the NFS handle key under " + config.varDirectory(), e);
        }
        Nfs4Settings settings = Nfs4Settings.DEFAULTS.withLease(Duration.ofSeconds(
                longProperty(context, LEASE_SECONDS, Nfs4Settings.DEFAULTS.lease().toSeconds())));
        server = Nfs4Server.create(vfs, config, leases, key, settings, System::nanoTime, System.currentTimeMillis(),
                hostName());
        protocol = new Nfs4Protocol(server, Nfs4Operations.table());
        // A client expires between one lease and a tenth of one more after its last renewal.
        long period = Math.max(1, settings.lease().toSeconds() / 10);
        expiry = scheduler.scheduleAtFixedRate(server.state()::expireLeases, period, period, TimeUnit.SECONDS);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ProtocolHandler.PROTOCOL_PROPERTY, Nfs4Protocol.NAME);
        props.put(ProtocolHandler.RPC_PROGRAMS_PROPERTY, new String[] {Nfs4Program.PROGRAM + ":" + Nfs4Program.VERSION});
        registration = context.registerService(ProtocolHandler.class, protocol, props);
        clientSource = context.registerService(ClientSource.class, new Nfs4ClientSource(server.state()), null);
        LOG.info("NFSv4 service ready (minor versions 0-2, lease {} s, {} exports)", settings.leaseSeconds(),
                config.current().exports().size());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        clientSource.unregister();
        expiry.cancel(false);
        // Each connection answers what it was asked, then closes; clients reconnect to the next bundle.
        try {
            protocol.drain().get(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("NFSv4 connections still open after {} s; stopping anyway", DRAIN_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("NFSv4 connections failed to drain", e.getCause());
        }
        server.state().releaseAll();
        LOG.info("NFSv4 service stopped");
    }

    private static long longProperty(BundleContext context, String name, long fallback) {
        String value = context.getProperty(name);
        try {
            return value == null ? fallback : Math.max(1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring {}={}: not a number", name, value);
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
}
