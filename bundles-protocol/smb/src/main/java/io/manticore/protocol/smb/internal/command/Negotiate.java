package io.manticore.protocol.smb.internal.command;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.smb.internal.SmbOptions;
import io.manticore.protocol.smb.internal.SmbServer;
import io.manticore.protocol.smb.internal.auth.SpnegoAcceptor;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Negotiated;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.crypto.PreauthHash;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.wire.Dialect;
import io.manticore.protocol.smb.internal.wire.FileTime;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** NEGOTIATE (MS-SMB2 3.3.5.4): picks the dialect and, for 3.1.1, the hash, cipher and signing algorithm. */
public final class Negotiate implements SmbCommand {

    private static final int STRUCTURE_SIZE = 36;
    private static final int RESPONSE_SIZE = 65;
    private static final int MAX_DIALECTS = 64;
    /** The I/O size of 2.0.2, which has no multi-credit requests. */
    private static final int SMB2_0_2_MAX_IO = 65536;
    private static final int SECURITY_BUFFER_OFFSET = Smb2Header.SIZE + 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Needs needs() {
        return Needs.NOTHING;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        int count = request.u16(2);
        if (count == 0 || count > MAX_DIALECTS) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, count + " dialects");
        }
        int[] offered = new int[count];
        for (int i = 0; i < count; i++) {
            offered[i] = request.u16(36 + 2 * i);
        }
        SmbOptions options = exchange.server().options();
        int dialect = choose(offered, options);
        if (dialect == 0) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "no common dialect");
        }
        int clientCapabilities = request.i32(8);
        NegotiateContexts contexts = null;
        if (dialect == Dialect.SMB_3_1_1) {
            contexts = NegotiateContexts.read(request, request.u32(28), request.u16(32));
            if (!contexts.sha512()) {
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "no SHA-512 pre-authentication integrity");
            }
        }
        int cipher = contexts != null ? Math.max(0, contexts.cipher())
                : Dialect.isSmb3(dialect) && (clientCapabilities & Negotiated.CAP_ENCRYPTION) != 0 ? 1 : 0;
        int signing = contexts != null && contexts.signing() >= 0 ? contexts.signing()
                : Dialect.isSmb3(dialect) ? 1 : 0;
        int security = Negotiated.SIGNING_ENABLED | (options.signingRequired() ? Negotiated.SIGNING_REQUIRED : 0);
        int capabilities = capabilities(dialect, cipher);
        exchange.connection().negotiated(new Negotiated(dialect, request.bytes(12, 16), clientCapabilities,
                request.u16(4), offered, cipher, signing, security, capabilities));
        if (dialect == Dialect.SMB_3_1_1) {
            PreauthHash hash = new PreauthHash();
            hash.update(request.bytes());
            exchange.connection().preauth(hash);
            exchange.responseHook(hash::update);
        }
        ByteBuf body = response(exchange.alloc(), exchange.server(), dialect, security, capabilities, contexts);
        return CompletableFuture.completedFuture(Reply.ok(body));
    }

    /** The NEGOTIATE response body (MS-SMB2 2.2.4); also the answer to an SMB1 negotiate, with no contexts. */
    public static ByteBuf response(ByteBufAllocator alloc, SmbServer server, int dialect, int security,
                                   int capabilities, NegotiateContexts contexts) {
        byte[] token = SpnegoAcceptor.negotiateToken();
        int maxIo = dialect == Dialect.SMB_2_0_2 || dialect == Dialect.SMB_2_WILDCARD ? SMB2_0_2_MAX_IO
                : server.options().maxIo();
        ByteBuf body = alloc.buffer(64 + token.length + 128);
        body.writeShortLE(RESPONSE_SIZE);
        body.writeShortLE(security);
        body.writeShortLE(dialect);
        body.writeShortLE(0);
        body.writeBytes(server.serverGuid());
        body.writeIntLE(capabilities);
        body.writeIntLE(maxIo);
        body.writeIntLE(maxIo);
        body.writeIntLE(maxIo);
        body.writeLongLE(FileTime.now());
        body.writeLongLE(0);
        body.writeShortLE(SECURITY_BUFFER_OFFSET);
        body.writeShortLE(token.length);
        body.writeIntLE(0);
        body.writeBytes(token);
        if (contexts != null) {
            NegotiateContexts.align(body, Smb2Header.SIZE);
            body.setIntLE(60, Smb2Header.SIZE + body.writerIndex());
            byte[] salt = new byte[32];
            RANDOM.nextBytes(salt);
            body.setShortLE(6, contexts.write(body, Smb2Header.SIZE, salt));
        }
        return body;
    }

    /** The highest dialect both sides have, within the configured range; 0 when none. */
    private static int choose(int[] offered, SmbOptions options) {
        int best = 0;
        for (int d : offered) {
            if (Dialect.isKnown(d) && d >= options.minDialect() && d <= options.maxDialect() && d > best) {
                best = d;
            }
        }
        return best;
    }

    private static int capabilities(int dialect, int cipher) {
        int caps = 0;
        if (dialect >= Dialect.SMB_2_1) {
            caps |= Negotiated.CAP_LARGE_MTU | Negotiated.CAP_LEASING;
        }
        if (Dialect.isSmb3(dialect) && dialect != Dialect.SMB_3_1_1 && cipher != 0) {
            caps |= Negotiated.CAP_ENCRYPTION;
        }
        return caps;
    }
}
