package io.manticore.api.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

import io.manticore.api.protocol.ProtocolHandler;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transport (tcp, iouring, …), registered with the property {@value #TRANSPORT_PROPERTY}
 * naming it. Core's listener manager asks it to bind each configured listener.
 */
@ConsumerType
public interface Transport {

    String TRANSPORT_PROPERTY = "transport";

    String name();

    /**
     * Binds {@code address} and hands every accepted connection to {@code protocol}. The stage
     * fails with the bind error (address in use, permission denied) when it cannot bind.
     */
    CompletionStage<BoundListener> bind(InetSocketAddress address, ProtocolHandler protocol);
}
