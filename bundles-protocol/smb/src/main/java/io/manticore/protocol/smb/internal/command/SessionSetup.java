package io.manticore.protocol.smb.internal.command;

import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.cred.Cred;
import io.manticore.api.lease.LockOwner;
import io.manticore.protocol.smb.internal.SmbOptions;
import io.manticore.protocol.smb.internal.auth.AuthException;
import io.manticore.protocol.smb.internal.auth.AuthResult;
import io.manticore.protocol.smb.internal.auth.AuthStep;
import io.manticore.protocol.smb.internal.auth.SpnegoAcceptor;
import io.manticore.protocol.smb.internal.conn.Exchange;
import io.manticore.protocol.smb.internal.conn.Negotiated;
import io.manticore.protocol.smb.internal.conn.Reply;
import io.manticore.protocol.smb.internal.conn.SessionTeardown;
import io.manticore.protocol.smb.internal.conn.SmbConnection;
import io.manticore.protocol.smb.internal.crypto.PreauthHash;
import io.manticore.protocol.smb.internal.crypto.Signer;
import io.manticore.protocol.smb.internal.crypto.Signers;
import io.manticore.protocol.smb.internal.crypto.SmbKeys;
import io.manticore.protocol.smb.internal.crypto.Transformer;
import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.session.ConfigUsers;
import io.manticore.protocol.smb.internal.session.Identity;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.wire.Dialect;
import io.manticore.protocol.smb.internal.wire.Message;
import io.manticore.protocol.smb.internal.wire.NtStatus;
import io.manticore.protocol.smb.internal.wire.Smb2Header;
import io.netty.buffer.ByteBuf;

/**
 * SESSION_SETUP (MS-SMB2 3.3.5.5): runs SPNEGO/NTLM legs, then binds the session to a configured
 * user, derives its keys and decides signing and encryption. Re-authentication keeps the keys.
 */
public final class SessionSetup implements SmbCommand {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSetup.class);
    private static final int STRUCTURE_SIZE = 25;
    private static final int FLAG_BINDING = 0x01;
    private static final int SESSION_FLAG_IS_GUEST = 0x01;
    private static final int SESSION_FLAG_IS_NULL = 0x02;
    private static final int SESSION_FLAG_ENCRYPT_DATA = 0x04;
    private static final int MAX_TOKEN = 64 * 1024;

    @Override
    public Needs needs() {
        return Needs.NOTHING;
    }

    @Override
    public CompletionStage<Reply> handle(Exchange exchange) {
        Message request = exchange.message();
        request.expectStructure(STRUCTURE_SIZE);
        SmbConnection connection = exchange.connection();
        Negotiated negotiated = connection.negotiated();
        if (negotiated == null || negotiated.dialect() == Dialect.SMB_2_WILDCARD) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "SESSION_SETUP before NEGOTIATE");
        }
        if ((request.u8(2) & FLAG_BINDING) != 0) {
            throw new SmbStatusException(NtStatus.REQUEST_NOT_ACCEPTED, "multichannel binding is not supported");
        }
        int tokenLength = request.u16(14);
        if (tokenLength > MAX_TOKEN) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "security token of " + tokenLength + " bytes");
        }
        byte[] token = request.bufferBytes(request.u16(12), tokenLength);
        Session session = session(exchange);
        exchange.session(session);
        PreauthHash preauth = session.preauth();
        if (preauth != null) {
            preauth.update(request.bytes());
        }
        AuthStep step;
        try {
            step = session.acceptor().accept(token);
        } catch (AuthException e) {
            return failed(exchange, session, e.ntStatus(), e.getMessage());
        }
        if (!step.done()) {
            if (preauth != null) {
                exchange.responseHook(preauth::update);
            }
            return CompletableFuture.completedFuture(Reply.of(NtStatus.MORE_PROCESSING_REQUIRED,
                    body(exchange, 0, step.responseToken())));
        }
        return complete(exchange, session, step, request.u8(3));
    }

    /** The session a leg belongs to: a new one for SessionId 0, else the connection's (re-authenticating when valid). */
    private static Session session(Exchange exchange) {
        SmbConnection connection = exchange.connection();
        long id = exchange.message().header().sessionId();
        Session session;
        if (id == 0) {
            session = exchange.server().newSession();
            if (session == null) {
                throw new SmbStatusException(NtStatus.INSUFFICIENT_RESOURCES, "too many sessions");
            }
            connection.bind(session);
        } else {
            session = connection.session(id);
            if (session == null) {
                throw new SmbStatusException(NtStatus.USER_SESSION_DELETED, "no session " + Long.toHexString(id));
            }
        }
        if (session.acceptor() == null) {
            session.acceptor(new SpnegoAcceptor(new ConfigUsers(exchange.server()), exchange.server().options().serverName()));
            if (connection.preauth() != null) {
                session.preauth(connection.preauth().copy());
            }
        }
        return session;
    }

    private static CompletionStage<Reply> complete(Exchange exchange, Session session, AuthStep step,
                                                   int clientSecurityMode) {
        AuthResult result = step.result();
        SmbOptions options = exchange.server().options();
        ConfigUsers users = new ConfigUsers(exchange.server());
        boolean guest = result.guest() || result.anonymous();
        Cred cred = guest ? users.guestCred() : users.cred(result.user());
        if (cred == null || guest && options.signingRequired()) {
            return failed(exchange, session, NtStatus.LOGON_FAILURE, "no identity for " + result.user());
        }
        if (session.isValid()) {
            // MS-SMB2 3.3.5.5.3: re-authentication changes who the session is, never its keys.
            session.established(identity(exchange, session, result, cred), session.signer(), session.transformer(),
                    session.signingRequired(), session.encrypt());
            return CompletableFuture.completedFuture(Reply.ok(body(exchange, flags(session, result), step.responseToken())));
        }
        Negotiated negotiated = exchange.connection().negotiated();
        int dialect = negotiated.dialect();
        Signer signer = null;
        Transformer transformer = null;
        if (!guest) {
            byte[] hash = session.preauth() == null ? null : session.preauth().value();
            SmbKeys keys = SmbKeys.derive(dialect, result.sessionKey(), hash, negotiated.cipher());
            signer = Signers.of(dialect, negotiated.signing(), keys.signingKey());
            if (negotiated.cipher() != 0) {
                transformer = new Transformer(negotiated.cipher(), keys.encryptionKey(), keys.decryptionKey());
            }
        }
        boolean encrypt = options.encrypt() && Dialect.isSmb3(dialect);
        if (encrypt && transformer == null) {
            return failed(exchange, session, NtStatus.ACCESS_DENIED, "the server requires encryption the client cannot do");
        }
        boolean signingRequired = !guest && (options.signingRequired()
                || (clientSecurityMode & Negotiated.SIGNING_REQUIRED) != 0);
        session.established(identity(exchange, session, result, cred), signer, transformer, signingRequired, encrypt);
        exchange.signResponse(signer != null && (Dialect.isSmb3(dialect) || signingRequired));
        LOG.info("SMB session {} for {} from {} ({}{}{})", Long.toHexString(session.id()),
                session.identity().display(), exchange.connection().remote(), Dialect.name(dialect),
                signingRequired ? ", signed" : "", encrypt ? ", encrypted" : "");
        return CompletableFuture.completedFuture(Reply.ok(body(exchange, flags(session, result), step.responseToken())));
    }

    private static Identity identity(Exchange exchange, Session session, AuthResult result, Cred cred) {
        byte[] guid = exchange.connection().negotiated().clientGuid();
        LockOwner key = LockOwner.of("smb", HexFormat.of().formatHex(guid), longBytes(session.id()));
        return new Identity(result.user(), result.domain(), result.guest(), result.anonymous(), cred.withLeaseKey(key));
    }

    private static int flags(Session session, AuthResult result) {
        return (result.anonymous() ? SESSION_FLAG_IS_NULL : result.guest() ? SESSION_FLAG_IS_GUEST : 0)
                | (session.encrypt() ? SESSION_FLAG_ENCRYPT_DATA : 0);
    }

    private static CompletionStage<Reply> failed(Exchange exchange, Session session, int status, String why) {
        LOG.warn("SMB logon from {} refused ({}): {}", exchange.connection().remote(), NtStatus.hex(status), why);
        if (!session.isValid()) {
            SessionTeardown.end(exchange.connection(), session);
        } else {
            session.acceptor(null);
        }
        return CompletableFuture.failedFuture(new SmbStatusException(status, why));
    }

    /** The SESSION_SETUP response body (MS-SMB2 2.2.6). */
    private static ByteBuf body(Exchange exchange, int sessionFlags, byte[] token) {
        byte[] out = token == null ? new byte[0] : token;
        ByteBuf body = exchange.alloc().buffer(8 + out.length);
        body.writeShortLE(9);
        body.writeShortLE(sessionFlags);
        body.writeShortLE(out.length == 0 ? 0 : Smb2Header.SIZE + 8);
        body.writeShortLE(out.length);
        body.writeBytes(out);
        if (out.length == 0) {
            body.writeByte(0);
        }
        return body;
    }

    private static byte[] longBytes(long value) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
