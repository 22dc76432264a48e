package io.manticore.protocol.smb.internal.conn;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.manticore.protocol.smb.internal.SmbServer;
import io.manticore.protocol.smb.internal.crypto.PreauthHash;
import io.manticore.protocol.smb.internal.session.Session;
import io.netty.channel.Channel;

/** One client connection's state (MS-SMB2 3.3.1.7): the negotiated dialect and algorithms, credits and sessions. */
public final class SmbConnection {

    private final Channel channel;
    private final SmbServer server;
    private final CreditWindow credits;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong nextAsyncId = new AtomicLong(1);
    private volatile Negotiated negotiated;
    private volatile PreauthHash preauth;

    public SmbConnection(Channel channel, SmbServer server) {
        this.channel = channel;
        this.server = server;
        this.credits = new CreditWindow(server.options().maxCredits());
    }

    public Channel channel() {
        return channel;
    }

    public SmbServer server() {
        return server;
    }

    public CreditWindow credits() {
        return credits;
    }

    /** What NEGOTIATE settled, or null before it. */
    public Negotiated negotiated() {
        return negotiated;
    }

    public void negotiated(Negotiated result) {
        negotiated = result;
    }

    public int dialect() {
        Negotiated n = negotiated;
        return n == null ? 0 : n.dialect();
    }

    /** The connection's 3.1.1 pre-authentication hash after NEGOTIATE, or null for other dialects. */
    public PreauthHash preauth() {
        return preauth;
    }

    public void preauth(PreauthHash hash) {
        preauth = hash;
    }

    public void bind(Session session) {
        sessions.put(session.id(), session);
    }

    public Session unbind(long sessionId) {
        return sessions.remove(sessionId);
    }

    public Session session(long sessionId) {
        return sessions.get(sessionId);
    }

    public Collection<Session> sessions() {
        return sessions.values();
    }

    public long countCall() {
        return calls.incrementAndGet();
    }

    public long calls() {
        return calls.get();
    }

    public long nextAsyncId() {
        return nextAsyncId.getAndIncrement();
    }

    /** Requests that went asynchronous, by message id, so CANCEL finds them. */
    public Map<Long, Pending> pending() {
        return pending;
    }

    public String remote() {
        return String.valueOf(channel.remoteAddress());
    }
}
