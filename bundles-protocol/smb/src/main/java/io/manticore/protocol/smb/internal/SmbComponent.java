package io.manticore.protocol.smb.internal;

import java.util.Hashtable;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.admin.ClientSource;
import io.manticore.api.admin.SessionSource;
import io.manticore.api.config.ConfigService;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.smb.internal.client.SmbClients;
import io.manticore.protocol.smb.internal.crypto.JitWarmUp;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

/** The SMB2/3 service: registers the protocol "smb" (direct TCP) and its clients for the shell. */
@Component(immediate = true)
public final class SmbComponent implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SmbComponent.class);
    private static final long CLOSE_SECONDS = 5;

    private final SmbClients clients = new SmbClients();
    private final ChannelGroup channels = new DefaultChannelGroup("smb", GlobalEventExecutor.INSTANCE);
    private final SmbPipeline pipeline;
    private final ServiceRegistration<ProtocolHandler> protocol;
    private final ServiceRegistration<ClientSource> clientSource;
    private final ServiceRegistration<SessionSource> sessionSource;

    @Activate
    public SmbComponent(BundleContext bundle, @Reference Vfs vfs, @Reference ConfigService config,
                        @Reference LeaseManager leases) {
        JitWarmUp.start();
        SmbServer server = new SmbServer(vfs, config, leases, () -> SmbOptions.from(config.current()));
        pipeline = new SmbPipeline(server);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ProtocolHandler.PROTOCOL_PROPERTY, name());
        protocol = bundle.registerService(ProtocolHandler.class, this, props);
        clientSource = bundle.registerService(ClientSource.class, clients, null);
        sessionSource = bundle.registerService(SessionSource.class, clients, null);
        LOG.info("SMB service ready ({} shares configured)", config.current().shares().size());
    }

    @Override
    public String name() {
        return "smb";
    }

    @Override
    public void initChannel(Channel channel) {
        if (channel instanceof DatagramChannel) {
            LOG.warn("SMB is served over TCP only: closing {}; use a tcp listener", channel.localAddress());
            channel.close();
            return;
        }
        channels.add(channel);
        clients.add(pipeline.install(channel));
    }

    @Deactivate
    void deactivate() {
        protocol.unregister();
        clientSource.unregister();
        sessionSource.unregister();
        // SMB clients reconnect and reopen their files by themselves when a connection drops.
        if (!channels.close().awaitUninterruptibly(CLOSE_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("SMB connections still open after {} s", CLOSE_SECONDS);
        }
        LOG.info("SMB service stopped");
    }
}
