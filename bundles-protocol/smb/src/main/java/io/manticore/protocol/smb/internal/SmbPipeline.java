package io.manticore.protocol.smb.internal;

import io.manticore.protocol.smb.internal.command.CommandTable;
import io.manticore.protocol.smb.internal.command.SmbCommand;
import io.manticore.protocol.smb.internal.conn.Smb1Upgrade;
import io.manticore.protocol.smb.internal.conn.SmbConnection;
import io.manticore.protocol.smb.internal.conn.SmbDispatcher;
import io.manticore.protocol.smb.internal.wire.NbssFrameDecoder;
import io.manticore.protocol.smb.internal.wire.NbssFrameEncoder;
import io.netty.channel.Channel;

/** Installs the SMB handlers on a connection: frame decoder, frame encoder, dispatcher. */
public final class SmbPipeline {

    private final SmbServer server;
    private final SmbCommand[] commands = CommandTable.create();
    private final Smb1Upgrade smb1 = new Smb1Upgrade();

    public SmbPipeline(SmbServer server) {
        this.server = server;
    }

    /** Installs the handlers; returns the connection's state. */
    public SmbConnection install(Channel channel) {
        SmbConnection connection = new SmbConnection(channel, server);
        channel.pipeline().addLast("smb-frames", new NbssFrameDecoder(server.options().maxMessage()));
        channel.pipeline().addLast("smb-framer", NbssFrameEncoder.INSTANCE);
        channel.pipeline().addLast("smb", new SmbDispatcher(connection, commands, smb1));
        return connection;
    }
}
