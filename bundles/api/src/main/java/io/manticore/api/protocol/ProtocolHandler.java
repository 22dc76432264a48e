package io.manticore.api.protocol;

import io.netty.channel.Channel;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol (nfs3, smb, s3, …), registered with the property {@value #PROTOCOL_PROPERTY}
 * naming it. A transport calls it for every connection a listener of this protocol accepts.
 */
@ConsumerType
public interface ProtocolHandler {

    String PROTOCOL_PROPERTY = "protocol";

    /**
     * For an ONC RPC protocol, the programs its listeners serve, as strings
     * {@code "<program>:<version>"} (e.g. {@code "100003:3"}): portmap answers GETPORT with the
     * bound port of a listener of that protocol.
     */
    String RPC_PROGRAMS_PROPERTY = "rpc.programs";

    String name();

    /** Adds the protocol's handlers to a new connection's pipeline, on its event loop. */
    void initChannel(Channel channel);
}
