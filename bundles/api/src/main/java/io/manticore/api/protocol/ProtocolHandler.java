package io.manticore.api.protocol;

import io.netty.channel.Channel;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol (nfs3, smb, s3, …), registered with the property {@value #PROTOCOL_PROPERTY}
 * naming it. A stream transport (tcp) calls it for every connection a listener of this protocol
 * accepts; a datagram transport (udp) calls it once per listener, with the bound channel.
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

    /**
     * Adds the protocol's handlers to a new channel's pipeline, on its event loop. From a stream
     * transport the channel is one accepted connection. From a datagram transport it is the bound
     * {@link io.netty.channel.socket.DatagramChannel} itself, given once: its pipeline receives
     * the {@link io.netty.channel.socket.DatagramPacket}s of every client and each reply is a
     * packet addressed to its caller; reading starts when this method returns. A protocol that
     * cannot serve datagrams closes that channel and logs a line saying so; the transport then
     * fails the bind, so the listener shows FAILED.
     */
    void initChannel(Channel channel);
}
