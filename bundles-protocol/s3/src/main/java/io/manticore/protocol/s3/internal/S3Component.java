package io.manticore.protocol.s3.internal;

import java.time.Clock;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.admin.ClientSource;
import io.manticore.api.config.ConfigService;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.client.S3Clients;
import io.manticore.protocol.s3.internal.http.S3Pipeline;
import io.manticore.protocol.s3.internal.op.Router;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

/** The S3 service: registers the protocol "s3" (HTTP/1.1) and its clients for the shell. */
@Component(immediate = true)
public final class S3Component implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(S3Component.class);

    private final S3Clients clients = new S3Clients();
    private final S3Pipeline pipeline;
    private final ChannelGroup channels = new DefaultChannelGroup("s3", GlobalEventExecutor.INSTANCE);
    private final ServiceRegistration<ProtocolHandler> protocol;
    private final ServiceRegistration<ClientSource> clientSource;

    @Activate
    public S3Component(BundleContext context, @Reference Vfs vfs, @Reference ConfigService config) {
        pipeline = new S3Pipeline(new S3Context(vfs, config, Clock.systemUTC()), new Router(), clients);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ProtocolHandler.PROTOCOL_PROPERTY, name());
        protocol = context.registerService(ProtocolHandler.class, this, props);
        clientSource = context.registerService(ClientSource.class, clients, null);
        LOG.info("S3 service ready ({} buckets configured)", config.current().buckets().size());
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public void initChannel(Channel channel) {
        if (channel instanceof DatagramChannel) {
            LOG.warn("S3 is served over HTTP on TCP only: closing {}; use a tcp listener", channel.localAddress());
            channel.close();
            return;
        }
        channels.add(channel);
        pipeline.install(channel);
    }

    @Deactivate
    void deactivate() {
        protocol.unregister();
        clientSource.unregister();
        // Each connection finishes the response it is writing, then closes; clients reconnect to the new bundle.
        channels.forEach(S3Pipeline::drain);
        LOG.info("S3 service stopped");
    }
}
