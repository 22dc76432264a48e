package io.manticore.protocol.nfs4.internal;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Status;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;

/** An NFSv4.1 client's session for tests: EXCHANGE_ID and CREATE_SESSION, then COMPOUNDs that start with SEQUENCE on slot 0. */
public final class Nfs41Session {

    private final Nfs4TestClient client;
    private final int minor;
    private final String owner;
    private long clientId;
    private byte[] id;
    private int sequence;

    public Nfs41Session(Nfs4TestClient client) {
        this(client, 1, "client-" + System.nanoTime());
    }

    public Nfs41Session(Nfs4TestClient client, int minor, String owner) {
        this.client = client;
        this.minor = minor;
        this.owner = owner;
    }

    /** Exchanges the client id and creates the session; returns the session id. */
    public byte[] open() {
        Nfs4TestClient.Reply exchanged = client.compound(minor, r -> r.exchangeId(owner.getBytes(StandardCharsets.UTF_8), 42, 0));
        XdrDecoder in = exchanged.ok(Opcodes.EXCHANGE_ID);
        clientId = in.readHyper();
        int seq = in.readInt();
        Nfs4TestClient.Reply created = client.compound(minor, r -> r.createSession(clientId, seq, 8));
        id = created.ok(Opcodes.CREATE_SESSION).readFixedOpaqueBytes(16);
        return id.clone();
    }

    public long clientId() {
        return clientId;
    }

    public byte[] id() {
        return id.clone();
    }

    /** The next sequence id slot 0 will use. */
    public int nextSequence() {
        return sequence + 1;
    }

    /** A COMPOUND of SEQUENCE (slot 0, replies cached) then {@code ops}; its SEQUENCE result already read. */
    public Nfs4TestClient.Reply call(Consumer<Nfs4TestClient.Request> ops) {
        int seq = ++sequence;
        Nfs4TestClient.Reply reply = client.compound(minor, r -> {
            r.sequence(id, seq, 0, true);
            ops.accept(r);
        });
        assertEquals("SEQUENCE", Nfs4Status.OK, reply.next(Opcodes.SEQUENCE));
        skipSequenceBody(reply.in());
        return reply;
    }

    static void skipSequenceBody(XdrDecoder in) {
        in.readFixedOpaqueBytes(16);
        for (int i = 0; i < 5; i++) {
            in.readInt();
        }
    }
}
