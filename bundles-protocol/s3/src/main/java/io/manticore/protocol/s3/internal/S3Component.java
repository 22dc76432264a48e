package io.manticore.protocol.s3.internal;

import java.time.Clock;
import java.util.Hashtable;
import java.util.List;
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
import io.manticore.api.config.ConfigService;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.runtime.Handover;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.client.S3Clients;
import io.manticore.protocol.s3.internal.http.S3Pipeline;
import io.manticore.protocol.s3.internal.multipart.Upload;
import io.manticore.protocol.s3.internal.multipart.Uploads;
import io.manticore.protocol.s3.internal.multipart.UploadsHandover;
import io.manticore.protocol.s3.internal.op.Router;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

/** The S3 service: registers the protocol "s3" (HTTP/1.1) and its clients for the shell. */
@Component(immediate = true)
public final class S3Component implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(S3Component.class);
    /** How long deactivation waits for connections to finish their requests before handing the uploads over. */
    private static final long DRAIN_SECONDS = 10;

    private final S3Clients clients = new S3Clients();
    private final S3Pipeline pipeline;
    private final ChannelGroup channels = new DefaultChannelGroup("s3", GlobalEventExecutor.INSTANCE);
    private final ServiceRegistration<ProtocolHandler> protocol;
    private final ServiceRegistration<ClientSource> clientSource;
    private final S3Context context;
    private final Handover handover;

    @Activate
    public S3Component(BundleContext bundle, @Reference Vfs vfs, @Reference ConfigService config,
                       @Reference Handover handover) {
        this.handover = handover;
        this.context = new S3Context(vfs, config, Clock.systemUTC());
        adoptUploads();
        pipeline = new S3Pipeline(context, new Router(), clients);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ProtocolHandler.PROTOCOL_PROPERTY, name());
        protocol = bundle.registerService(ProtocolHandler.class, this, props);
        clientSource = bundle.registerService(ClientSource.class, clients, null);
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
        ChannelGroupFuture closed = channels.newCloseFuture();
        channels.forEach(S3Pipeline::drain);
        if (!closed.awaitUninterruptibly(DRAIN_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("S3 connections still open after {} s; handing over the multipart uploads anyway", DRAIN_SECONDS);
        }
        handOverUploads();
        LOG.info("S3 service stopped");
    }

    /** Takes the multipart uploads a previous version of this bundle handed over, if any. */
    private void adoptUploads() {
        Object state = handover.take(UploadsHandover.KEY);
        if (state == null) {
            return;
        }
        try {
            List<Upload> adopted = UploadsHandover.restore(state);
            context.uploads().adopt(adopted);
            LOG.info("S3 multipart uploads taken over: {}", adopted.size());
        } catch (IllegalArgumentException e) {
            LOG.warn("S3 multipart uploads of the previous version are lost: {}", e.getMessage());
        }
    }

    /** Deposits the uploads in progress for the next version; their parts are freed if none takes them. */
    private void handOverUploads() {
        List<Upload> uploads = context.uploads().handOver();
        if (uploads.isEmpty()) {
            return;
        }
        Vfs vfs = context.vfs();
        handover.deposit(UploadsHandover.KEY, UploadsHandover.export(uploads), () -> Uploads.discardAll(vfs, uploads));
        LOG.info("S3 multipart uploads handed over: {}", uploads.size());
    }
}
