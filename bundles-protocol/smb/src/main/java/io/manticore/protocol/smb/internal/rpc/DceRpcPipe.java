package io.manticore.protocol.smb.internal.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.manticore.protocol.smb.internal.wire.SmbDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Connection-oriented DCE/RPC (C706 chapter 12) over a named pipe: BIND and ALTER_CONTEXT for the
 * service's interface with the NDR transfer syntax, REQUEST answered by RESPONSE or FAULT. Request
 * fragments are gathered up to a bound; answers are single fragments.
 */
final class DceRpcPipe implements NamedPipe {

    private static final int REQUEST = 0;
    private static final int RESPONSE = 2;
    private static final int FAULT = 3;
    private static final int BIND = 11;
    private static final int BIND_ACK = 12;
    private static final int ALTER_CONTEXT = 14;
    private static final int ALTER_CONTEXT_RESP = 15;
    private static final int FIRST_FRAG = 0x01;
    private static final int LAST_FRAG = 0x02;
    private static final int OBJECT_UUID = 0x80;
    private static final int HEADER = 16;
    private static final int MAX_FRAG = 4280;
    private static final int MAX_PENDING = 1024 * 1024;
    private static final long NCA_S_OP_RNG_ERROR = 0x1C010002L;
    private static final long NCA_S_PROTO_ERROR = 0x1C01000BL;

    private final RpcService service;
    private final String pipeName;
    private final ByteBuf input = Unpooled.buffer();
    private final ByteBuf output = Unpooled.buffer();
    private final ByteBuf stub = Unpooled.buffer();

    DceRpcPipe(RpcService service, String pipeName) {
        this.service = service;
        this.pipeName = pipeName;
    }

    @Override
    public synchronized void write(ByteBuf data) {
        if (input.readableBytes() + data.readableBytes() > MAX_PENDING) {
            throw new SmbDecodeException("named pipe input over " + MAX_PENDING + " bytes");
        }
        input.writeBytes(data, data.readerIndex(), data.readableBytes());
        while (input.readableBytes() >= HEADER) {
            int length = input.getUnsignedShortLE(input.readerIndex() + 8);
            if (length < HEADER) {
                input.clear();
                throw new SmbDecodeException("DCE/RPC fragment of " + length + " bytes");
            }
            if (input.readableBytes() < length) {
                return;
            }
            ByteBuf pdu = input.readSlice(length);
            handle(pdu);
        }
        input.discardReadBytes();
    }

    @Override
    public synchronized ByteBuf read(ByteBufAllocator alloc, int max) {
        int n = Math.min(max, output.readableBytes());
        ByteBuf out = alloc.buffer(n);
        output.readBytes(out, n);
        output.discardReadBytes();
        return out;
    }

    @Override
    public synchronized void close() {
        input.release();
        output.release();
        stub.release();
    }

    private void handle(ByteBuf pdu) {
        int at = pdu.readerIndex();
        int type = pdu.getUnsignedByte(at + 2);
        int flags = pdu.getUnsignedByte(at + 3);
        int callId = pdu.getIntLE(at + 12);
        ByteBuf body = pdu.slice(at + HEADER, pdu.readableBytes() - HEADER - pdu.getUnsignedShortLE(at + 10));
        if (pdu.getUnsignedByte(at) != 5) {
            fault(callId, 0, NCA_S_PROTO_ERROR);
            return;
        }
        switch (type) {
            case BIND, ALTER_CONTEXT -> bind(body, callId, type == BIND ? BIND_ACK : ALTER_CONTEXT_RESP);
            case REQUEST -> request(body, flags, callId);
            default -> fault(callId, 0, NCA_S_PROTO_ERROR);
        }
    }

    private void bind(ByteBuf body, int callId, int answer) {
        if (body.readableBytes() < 12) {
            fault(callId, 0, NCA_S_PROTO_ERROR);
            return;
        }
        int at = body.readerIndex();
        int contexts = body.getUnsignedByte(at + 8);
        ByteBuf out = Unpooled.buffer();
        out.writeShortLE(MAX_FRAG).writeShortLE(MAX_FRAG).writeIntLE(0x12345);
        byte[] address = answer == BIND_ACK ? (pipeName + "\0").getBytes(StandardCharsets.US_ASCII) : new byte[0];
        out.writeShortLE(address.length).writeBytes(address);
        out.writeZero(-(HEADER + out.writerIndex()) & 3);
        out.writeByte(contexts).writeByte(0).writeShortLE(0);
        int p = at + 12;
        for (int i = 0; i < contexts; i++) {
            if (p + 24 > body.writerIndex()) {
                out.release();
                fault(callId, 0, NCA_S_PROTO_ERROR);
                return;
            }
            int syntaxes = body.getUnsignedByte(p + 2);
            byte[] abstractUuid = new byte[16];
            body.getBytes(p + 4, abstractUuid);
            int major = body.getUnsignedShortLE(p + 20);
            boolean ours = Arrays.equals(abstractUuid, service.uuid()) && major == service.majorVersion();
            int accepted = -1;
            for (int s = 0; s < syntaxes; s++) {
                int sp = p + 24 + 20 * s;
                if (sp + 20 > body.writerIndex()) {
                    out.release();
                    fault(callId, 0, NCA_S_PROTO_ERROR);
                    return;
                }
                byte[] transfer = new byte[16];
                body.getBytes(sp, transfer);
                if (accepted < 0 && Arrays.equals(transfer, Uuids.NDR) && body.getIntLE(sp + 16) == 2) {
                    accepted = s;
                }
            }
            if (ours && accepted >= 0) {
                out.writeShortLE(0).writeShortLE(0).writeBytes(Uuids.NDR).writeIntLE(2);
            } else {
                out.writeShortLE(2).writeShortLE(ours ? 2 : 1).writeZero(20);
            }
            p += 24 + 20 * syntaxes;
        }
        emit(answer, callId, out);
    }

    private void request(ByteBuf body, int flags, int callId) {
        if (body.readableBytes() < 8) {
            fault(callId, 0, NCA_S_PROTO_ERROR);
            return;
        }
        int at = body.readerIndex();
        int contextId = body.getUnsignedShortLE(at + 4);
        int opnum = body.getUnsignedShortLE(at + 6);
        int stubAt = at + 8 + ((flags & OBJECT_UUID) != 0 ? 16 : 0);
        if (stubAt > body.writerIndex()) {
            fault(callId, contextId, NCA_S_PROTO_ERROR);
            return;
        }
        if ((flags & FIRST_FRAG) != 0) {
            stub.clear();
        }
        if (stub.readableBytes() + body.writerIndex() - stubAt > MAX_PENDING) {
            stub.clear();
            fault(callId, contextId, NCA_S_PROTO_ERROR);
            return;
        }
        stub.writeBytes(body, stubAt, body.writerIndex() - stubAt);
        if ((flags & LAST_FRAG) == 0) {
            return;
        }
        ByteBuf response = Unpooled.buffer();
        boolean served;
        try {
            served = service.call(opnum, stub, response);
        } catch (SmbDecodeException e) {
            served = false;
        }
        stub.clear();
        if (!served) {
            response.release();
            fault(callId, contextId, NCA_S_OP_RNG_ERROR);
            return;
        }
        ByteBuf out = Unpooled.buffer(8 + response.readableBytes());
        out.writeIntLE(response.readableBytes()).writeShortLE(contextId).writeByte(0).writeByte(0);
        out.writeBytes(response);
        response.release();
        emit(RESPONSE, callId, out);
    }

    private void fault(int callId, int contextId, long status) {
        ByteBuf out = Unpooled.buffer(16);
        out.writeIntLE(0).writeShortLE(contextId).writeByte(0).writeByte(0).writeIntLE((int) status).writeIntLE(0);
        emit(FAULT, callId, out);
    }

    /** Appends one single-fragment PDU of {@code type} around {@code body} (released here) to the output. */
    private void emit(int type, int callId, ByteBuf body) {
        if (output.readableBytes() + HEADER + body.readableBytes() > MAX_PENDING) {
            body.release();
            throw new SmbDecodeException("named pipe output over " + MAX_PENDING + " bytes");
        }
        output.writeByte(5).writeByte(0).writeByte(type).writeByte(FIRST_FRAG | LAST_FRAG);
        output.writeIntLE(0x10);
        output.writeShortLE(HEADER + body.readableBytes()).writeShortLE(0).writeIntLE(callId);
        output.writeBytes(body);
        body.release();
    }
}
