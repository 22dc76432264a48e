package io.manticore.protocol.nfs3.internal.client;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of the NFS service by address, for MOUNT DUMP and the shell. A record lives
 * while its client has a connection or a mount; the number of records is bounded.
 */
public final class Clients {

    /** Past this many addresses, new clients are served but not recorded. */
    static final int MAX_CLIENTS = 4096;
    private static final ClientRecord UNRECORDED = new ClientRecord(InetAddress.getLoopbackAddress());

    private final ConcurrentHashMap<InetAddress, ClientRecord> byAddress = new ConcurrentHashMap<>();

    /** Records a new connection from {@code address} to {@code protocol}; pass both to {@link #disconnected}. */
    public ClientRecord connected(InetAddress address, String protocol) {
        if (!byAddress.containsKey(address) && byAddress.size() >= MAX_CLIENTS) {
            return UNRECORDED;
        }
        // Counted inside compute, so a concurrent forgetIfIdle cannot drop the record in between.
        return byAddress.compute(address, (a, r) -> {
            ClientRecord record = r == null ? new ClientRecord(a) : r;
            record.connected(protocol);
            return record;
        });
    }

    /** The record of {@code address}, or one listed nowhere when none is kept: a datagram client holds no record open. */
    public ClientRecord recordOf(InetAddress address) {
        ClientRecord record = byAddress.get(address);
        return record != null ? record : UNRECORDED;
    }

    public void disconnected(ClientRecord record, String protocol) {
        if (record == UNRECORDED) {
            return;
        }
        record.disconnected(protocol);
        forgetIfIdle(record);
    }

    /** Records that {@code address} mounted {@code path}; false when its mount list is full. */
    public boolean mounted(InetAddress address, String path) {
        if (!byAddress.containsKey(address) && byAddress.size() >= MAX_CLIENTS) {
            return false;
        }
        boolean[] added = new boolean[1];
        byAddress.compute(address, (a, r) -> {
            ClientRecord record = r == null ? new ClientRecord(a) : r;
            added[0] = record.mounted(path);
            return record.idle() ? null : record;
        });
        return added[0];
    }

    public void unmounted(InetAddress address, String path) {
        ClientRecord record = byAddress.get(address);
        if (record != null) {
            record.unmounted(path);
            forgetIfIdle(record);
        }
    }

    public void unmountedAll(InetAddress address) {
        ClientRecord record = byAddress.get(address);
        if (record != null) {
            record.unmountedAll();
            forgetIfIdle(record);
        }
    }

    /** Every recorded client, by address. */
    public List<ClientRecord> all() {
        return byAddress.values().stream()
                .sorted(Comparator.comparing(r -> r.address().getHostAddress()))
                .toList();
    }

    private void forgetIfIdle(ClientRecord record) {
        if (record.idle()) {
            byAddress.computeIfPresent(record.address(), (a, r) -> r.idle() ? null : r);
        }
    }
}
