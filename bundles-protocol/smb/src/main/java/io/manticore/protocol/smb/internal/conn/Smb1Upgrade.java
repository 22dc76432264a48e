package io.manticore.protocol.smb.internal.conn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.protocol.smb.internal.command.Negotiate;
import io.manticore.protocol.smb.internal.wire.Command;
import io.manticore.protocol.smb.internal.wire.Dialect;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Answers an SMB1 NEGOTIATE that offers SMB2 with an SMB2 NEGOTIATE response (MS-SMB2 3.3.5.3.1):
 * revision 0x02FF for "SMB 2.???" (the client then negotiates again in SMB2), 0x0202 for "SMB 2.002"
 * alone. Anything else in SMB1 closes the connection: this server does not speak SMB1.
 */
public final class Smb1Upgrade {

    private static final Logger LOG = LoggerFactory.getLogger(Smb1Upgrade.class);
    private static final int SMB1_HEADER = 32;
    private static final int SMB1_NEGOTIATE = 0x72;
    private static final int MAX_DIALECTS = 64;

    /** Answers {@code frame} (not released here). */
    public void answer(ChannelHandlerContext ctx, SmbConnection connection, ByteBuf frame) {
        List<String> dialects = dialects(frame);
        boolean wildcard = dialects.contains("SMB 2.???") && connection.server().options().maxDialect() >= Dialect.SMB_2_1;
        boolean smb202 = dialects.contains("SMB 2.002") && connection.server().options().minDialect() <= Dialect.SMB_2_0_2;
        if (!wildcard && !smb202 || !connection.credits().spend(0, 1)) {
            LOG.warn("SMB connection from {} closed: SMB1 is not served (offered {})", connection.remote(), dialects);
            ctx.close();
            return;
        }
        int dialect = wildcard ? Dialect.SMB_2_WILDCARD : Dialect.SMB_2_0_2;
        int security = Negotiated.SIGNING_ENABLED
                | (connection.server().options().signingRequired() ? Negotiated.SIGNING_REQUIRED : 0);
        if (!wildcard) {
            connection.negotiated(new Negotiated(dialect, new byte[16], 0, 0, new int[] {dialect}, 0, 0, security, 0));
        }
        ByteBuf header = ctx.alloc().buffer(Smb2Header.SIZE);
        Smb2Header.writeResponse(header, Command.NEGOTIATE, NtStatus.SUCCESS, 0, connection.credits().grant(1), 0, 0,
                0, 0, 0);
        ByteBuf body = Negotiate.response(ctx.alloc(), connection.server(), dialect, security, 0, null);
        CompositeByteBuf message = ctx.alloc().compositeBuffer(2);
        message.addComponents(true, header, body);
        ctx.writeAndFlush(message);
    }

    /** The dialect strings of an SMB1 NEGOTIATE; empty when the message is not one or is malformed. */
    private static List<String> dialects(ByteBuf frame) {
        List<String> out = new ArrayList<>();
        int at = frame.readerIndex();
        int end = frame.writerIndex();
        if (end - at < SMB1_HEADER + 3 || frame.getUnsignedByte(at + 4) != SMB1_NEGOTIATE) {
            return out;
        }
        int words = frame.getUnsignedByte(at + SMB1_HEADER);
        int bytesAt = at + SMB1_HEADER + 1 + 2 * words;
        if (bytesAt + 2 > end) {
            return out;
        }
        int byteCount = frame.getUnsignedShortLE(bytesAt);
        int p = bytesAt + 2;
        int stop = Math.min(end, p + byteCount);
        while (p < stop && out.size() < MAX_DIALECTS) {
            if (frame.getByte(p) != 0x02) {
                break;
            }
            int nul = frame.indexOf(p + 1, stop, (byte) 0);
            if (nul < 0) {
                break;
            }
            out.add(frame.toString(p + 1, nul - p - 1, StandardCharsets.US_ASCII));
            p = nul + 1;
        }
        return out;
    }
}
