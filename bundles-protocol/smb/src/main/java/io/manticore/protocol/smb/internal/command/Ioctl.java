package io.manticore.protocol.smb.internal.command;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Negotiated;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.session.FileId;
import io.manticore.protocol.smb.internal.session.Open;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.manticore.protocol.smb.internal.wire.SmbDecodeException;
import io.netty.buffer.ByteBuf;

/**
 * IOCTL (MS-SMB2 3.3.5.15): FSCTL_VALIDATE_NEGOTIATE_INFO, FSCTL_PIPE_TRANSCEIVE and
 * FSCTL_QUERY_NETWORK_INTERFACE_INFO; DFS referrals are refused as a server without DFS does;
 * every other control answers NOT_SUPPORTED.
 */
public final class Ioctl implements SmbCommand {

    private static final Logger LOG = LoggerFactory.getLogger(Ioctl.class);
    private static final int STRUCTURE_SIZE = 57;
    private static final int FSCTL_DFS_GET_REFERRALS = 0x00060194;
    private static final int FSCTL_DFS_GET_REFERRALS_EX = 0x000601B0;
    private static final int FSCTL_PIPE_TRANSCEIVE = 0x0011C017;
    private static final int FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204;
    private static final int FSCTL_QUERY_NETWORK_INTERFACE_INFO = 0x001401FC;
    private static final int IS_FSCTL = 0x1;
    private static final int OUTPUT_OFFSET = Smb2Header.SIZE + 48;
    private static final int MAX_INPUT = 64 * 1024;

    @Override
    public Needs needs() {
        return Needs.TREE;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        int code = request.i32(4);
        FileId fileId = FileId.read(request.bytes(), request.bytes().readerIndex() + 64 + 8);
        long inputCount = request.u32(28);
        long maxOutput = request.u32(44);
        if ((request.i32(48) & IS_FSCTL) == 0 || inputCount > MAX_INPUT) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "IOCTL 0x" + Integer.toHexString(code));
        }
        IoRules.check(exchange, Math.max(inputCount, maxOutput), IoRules.maxIo(exchange));
        ByteBuf input = request.buffer(request.u32(24), inputCount);
        ByteBuf output = switch (code) {
            case FSCTL_VALIDATE_NEGOTIATE_INFO -> validate(exchange, input);
            case FSCTL_QUERY_NETWORK_INTERFACE_INFO -> interfaces(exchange);
            case FSCTL_PIPE_TRANSCEIVE -> transceive(exchange, fileId, input, (int) maxOutput);
            case FSCTL_DFS_GET_REFERRALS, FSCTL_DFS_GET_REFERRALS_EX ->
                    throw new SmbStatusException(NtStatus.NOT_FOUND, "no DFS");
            default -> throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "FSCTL 0x" + Integer.toHexString(code));
        };
        if (output.readableBytes() > maxOutput) {
            output.release();
            throw new SmbStatusException(NtStatus.BUFFER_TOO_SMALL, "output over " + maxOutput);
        }
        ByteBuf fixed = exchange.alloc().buffer(48);
        fixed.writeShortLE(49);
        fixed.writeShortLE(0);
        fixed.writeIntLE(code);
        fileId.write(fixed);
        fixed.writeIntLE(OUTPUT_OFFSET);
        fixed.writeIntLE(0);
        fixed.writeIntLE(OUTPUT_OFFSET);
        fixed.writeIntLE(output.readableBytes());
        fixed.writeIntLE(0);
        fixed.writeIntLE(0);
        return CompletableFuture.completedFuture(Reply.ok(exchange.alloc().compositeBuffer(2)
                .addComponents(true, fixed, output)));
    }

    /** MS-SMB2 3.3.5.15.12: a mismatch with what NEGOTIATE settled means a downgrade attack; the connection is dropped. */
    private static ByteBuf validate(Exchange exchange, ByteBuf input) {
        Negotiated negotiated = exchange.connection().negotiated();
        if (input.readableBytes() < 24) {
            throw new SmbDecodeException("VALIDATE_NEGOTIATE_INFO of " + input.readableBytes() + " bytes");
        }
        int at = input.readerIndex();
        int capabilities = input.getIntLE(at);
        byte[] guid = new byte[16];
        input.getBytes(at + 4, guid);
        int security = input.getUnsignedShortLE(at + 20);
        int count = input.getUnsignedShortLE(at + 22);
        if (input.readableBytes() < 24 + 2 * count) {
            throw new SmbDecodeException("VALIDATE_NEGOTIATE_INFO dialects truncated");
        }
        int[] dialects = new int[count];
        for (int i = 0; i < count; i++) {
            dialects[i] = input.getUnsignedShortLE(at + 24 + 2 * i);
        }
        if (capabilities != negotiated.clientCapabilities() || security != negotiated.clientSecurityMode()
                || !java.util.Arrays.equals(guid, negotiated.clientGuid())
                || !java.util.Arrays.equals(dialects, negotiated.clientDialects())) {
            LOG.warn("SMB connection from {}: VALIDATE_NEGOTIATE_INFO does not match the negotiation",
                    exchange.connection().remote());
            exchange.connection().channel().close();
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "negotiation mismatch");
        }
        ByteBuf out = exchange.alloc().buffer(24);
        out.writeIntLE(negotiated.serverCapabilities());
        out.writeBytes(exchange.server().serverGuid());
        out.writeShortLE(negotiated.serverSecurity());
        out.writeShortLE(negotiated.dialect());
        return out;
    }

    /** One NETWORK_INTERFACE_INFO (MS-SMB2 2.2.32.5) for the address this connection reached. */
    private static ByteBuf interfaces(Exchange exchange) {
        ByteBuf out = exchange.alloc().buffer(152);
        out.writeIntLE(0);
        out.writeIntLE(1);
        out.writeIntLE(0);
        out.writeIntLE(0);
        out.writeLongLE(10_000_000_000L);
        if (exchange.connection().channel().localAddress() instanceof InetSocketAddress local
                && local.getAddress() instanceof Inet4Address v4) {
            out.writeShortLE(2);
            out.writeShort(0);
            out.writeBytes(v4.getAddress());
            out.writeZero(120);
        } else {
            out.writeZero(128);
        }
        return out;
    }

    private static ByteBuf transceive(Exchange exchange, FileId fileId, ByteBuf input, int maxOutput) {
        Open open = exchange.open(fileId);
        if (open.pipe() == null) {
            throw new SmbStatusException(NtStatus.INVALID_DEVICE_REQUEST, "transceive on a file");
        }
        open.pipe().write(input);
        return open.pipe().read(exchange.alloc(), maxOutput);
    }
}
