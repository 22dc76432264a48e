package io.manticore.protocol.s3.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;

/** The S3 clients by address, for {@code nas:clients}: connections open, requests made, the user last seen. */
public final class S3Clients implements ClientSource {

    /** Addresses remembered with no connection open; the oldest are forgotten past this. */
    static final int MAX_IDLE_CLIENTS = 4096;

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    /** The counters of a new connection from {@code address}. */
    public ConnectionStats connection(String address) {
        return new ConnectionStats(clients.computeIfAbsent(address, a -> new Client()), this::trim);
    }

    @Override
    public List<ClientInfo> clients() {
        List<ClientInfo> out = new ArrayList<>();
        clients.forEach((address, c) -> out.add(new ClientInfo("s3", address, c.auth, c.connections.get(), c.calls.get(),
                c.user == null ? List.of() : List.of("user " + c.user))));
        return out;
    }

    private void trim() {
        if (clients.size() > MAX_IDLE_CLIENTS) {
            clients.values().removeIf(c -> c.connections.get() == 0);
        }
    }

    /** One client's counters. */
    static final class Client {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicLong calls = new AtomicLong();
        volatile String auth = "-";
        volatile String user;
    }
}
