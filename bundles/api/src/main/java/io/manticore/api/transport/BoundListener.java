package io.manticore.api.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/** A bound listening socket. */
@ConsumerType
public interface BoundListener {

    /** The address actually bound (with the real port when 0 was asked). */
    InetSocketAddress localAddress();

    /** Connections open now. */
    int connections();

    /** Stops accepting and closes the connections it accepted. */
    CompletionStage<Void> close();
}
