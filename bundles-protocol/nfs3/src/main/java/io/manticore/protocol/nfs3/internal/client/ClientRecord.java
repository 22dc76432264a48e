package io.manticore.protocol.nfs3.internal.client;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server knows of one client address: its connections to each of the service's
 * protocols (nfs3, mount, nlm, nsm), its mounts, its NFS calls and last credential flavour.
 */
public final class ClientRecord {

    /** A client cannot grow its mount list without bound (MOUNT MNT of many paths). */
    static final int MAX_MOUNTS = 256;

    private final InetAddress address;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final LongAdder calls = new LongAdder();
    private final Set<String> mounts = ConcurrentHashMap.newKeySet();
    private volatile String auth = "-";

    ClientRecord(InetAddress address) {
        this.address = address;
    }

    public InetAddress address() {
        return address;
    }

    /** Its connections open now, to every protocol of the service. */
    public int connections() {
        return connections.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Its connections open now to {@code protocol}. */
    public int connections(String protocol) {
        AtomicInteger count = connections.get(protocol);
        return count == null ? 0 : count.get();
    }

    /** The protocols it has connections to now, with how many, by protocol name. */
    public Map<String, Integer> connectionsByProtocol() {
        Map<String, Integer> open = new TreeMap<>();
        connections.forEach((protocol, count) -> {
            if (count.get() > 0) {
                open.put(protocol, count.get());
            }
        });
        return open;
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

    void connected(String protocol) {
        connections.computeIfAbsent(protocol, p -> new AtomicInteger()).incrementAndGet();
    }

    void disconnected(String protocol) {
        connections.get(protocol).decrementAndGet();
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
        return connections() == 0 && mounts.isEmpty();
    }
}
