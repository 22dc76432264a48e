package io.manticore.transport.iouring.internal;

import java.util.Hashtable;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.config.ConfigService;
import io.manticore.api.transport.Transport;

/**
 * Registers the io_uring transport as Transport {@value IoUringTransport#NAME} where Netty's
 * io_uring runs; where it does not, says why in one log line and registers nothing, so its
 * listeners wait as for any transport that is not installed.
 */
@Component(immediate = true)
public final class IoUringComponent {

    private static final Logger LOG = LoggerFactory.getLogger(IoUringComponent.class);

    /** Both null where io_uring is unavailable. */
    private final IoUringTransport transport;
    private final ServiceRegistration<Transport> registration;

    @Activate
    public IoUringComponent(BundleContext context, @Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigService config) {
        Optional<String> whyUnavailable = IoUringProbe.whyUnavailable();
        if (whyUnavailable.isPresent()) {
            LOG.info("iouring transport not registered: io_uring is unavailable here ({})", whyUnavailable.get());
            this.transport = null;
            this.registration = null;
            return;
        }
        this.transport = new IoUringTransport(config == null || config.current() == null ? 0 : config.current().server().threads());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Transport.TRANSPORT_PROPERTY, IoUringTransport.NAME);
        this.registration = context.registerService(Transport.class, transport, props);
        LOG.info("iouring transport started ({} event loops)", transport.eventLoops());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            transport.close();
            LOG.info("iouring transport stopped");
        }
    }
}
