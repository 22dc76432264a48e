package io.manticore.protocol.nfs3.internal.client;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the server knows of one client address: its connections, mounts, calls and last credential flavour. */
public final class ClientRecord {

    /** A client cannot grow its mount list without bound (MOUNT MNT of many paths). */
    static final int MAX_MOUNTS = 256;

    private final InetAddress address;
    private final AtomicInteger connections = new AtomicInteger();
    private final LongAdder calls = new LongAdder();
    private final Set<String> mounts = ConcurrentHashMap.newKeySet();
    private volatile String auth = "-";

    ClientRecord(InetAddress address) {
        this.address = address;
    }

    public InetAddress address() {
        return address;
    }

    public int connections() {
        return connections.get();
    }

    public long calls() {
        return calls.sum();
    }

    public String auth() {
        return auth;
    }

    /** The paths this client has mounted (MOUNT MNT and not yet UMNT), sorted. */
    public List<String> mounts() {
        return mounts.stream().sorted().toList();
    }

    /** Counts one call made with the credential flavour {@code flavor}. */
    public void called(String flavor) {
        calls.increment();
        auth = flavor;
    }

    void connected() {
        connections.incrementAndGet();
    }

    void disconnected() {
        connections.decrementAndGet();
    }

    boolean mounted(String path) {
        if (mounts.size() >= MAX_MOUNTS && !mounts.contains(path)) {
            return false;
        }
        mounts.add(path);
        return true;
    }

    void unmounted(String path) {
        mounts.remove(path);
    }

    void unmountedAll() {
        mounts.clear();
    }

    boolean idle() {
        return connections.get() == 0 && mounts.isEmpty();
    }
}
