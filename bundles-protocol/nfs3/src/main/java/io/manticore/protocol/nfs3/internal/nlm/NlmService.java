package io.manticore.protocol.nfs3.internal.nlm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.manticore.api.lease.LeaseManager;
import io.manticore.api.lease.LockStatus;
import io.manticore.api.lease.PendingLock;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.nfs3.internal.NfsServer;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the NLM and NSM services share: the lease manager holding the locks, the hosts being
 * monitored, the grace period after a restart, and the calls back to clients.
 */
public final class NlmService {

    static final int NLM_PROGRAM = 100021;
    static final int NLM_VERSION = 4;
    static final int NLM4_GRANTED = 5;
    static final int NSM_PROGRAM = 100024;
    static final int SM_NOTIFY = 6;

    private static final Logger LOG = LoggerFactory.getLogger(NlmService.class);

    private final NfsServer server;
    private final LeaseManager leases;
    private final MonitoredHosts hosts;
    private final Callbacks callbacks;
    private final String serverName;
    private final long graceEnds;
    /** Blocked requests that already have their GRANTED callback: a client repeats a blocked LOCK while it waits. */
    private final Set<PendingLock> awaited = ConcurrentHashMap.newKeySet();
    /** The address each lock-holding host called from, so only that host (or a local statd) can free its locks. */
    private final Map<String, InetAddress> holders = new ConcurrentHashMap<>();

    /**
     * Starts the service: when hosts held locks before the restart, a grace period of
     * {@code grace} begins in which only reclaims are granted, and each host is notified.
     */
    public NlmService(NfsServer server, LeaseManager leases, MonitoredHosts hosts, Callbacks callbacks,
                      String serverName, Duration grace) {
        this.server = server;
        this.leases = leases;
        this.hosts = hosts;
        this.callbacks = callbacks;
        this.serverName = serverName;
        List<MonitoredHosts.Host> previous = hosts.previous();
        this.graceEnds = previous.isEmpty() ? System.nanoTime() : System.nanoTime() + grace.toNanos();
        if (!previous.isEmpty()) {
            LOG.info("NLM grace period of {} s: {} host(s) held locks before the restart and may reclaim them",
                    grace.toSeconds(), previous.size());
        }
        for (MonitoredHosts.Host host : previous) {
            notifyRestart(host);
        }
    }

    LeaseManager leases() {
        return leases;
    }

    /** True while only reclaims of locks held before the restart are granted. */
    boolean inGrace() {
        return System.nanoTime() - graceEnds < 0;
    }

    int state() {
        return hosts.state();
    }

    /** The file an NLM request names, checked as NFS checks it. */
    FileHandle file(byte[] wireHandle, InetAddress peer) {
        return server.check(wireHandle, peer).fh();
    }

    /** Remembers where a host that now holds or awaits a lock calls from; with {@code monitored}, NSM records it too. */
    void holder(String name, InetAddress address, boolean monitored) {
        if (holders.size() < MonitoredHosts.MAX_HOSTS || holders.containsKey(name)) {
            holders.put(name, address);
        }
        if (monitored && !hosts.monitor(name, address)) {
            LOG.warn("NSM host table full: {} will not be told to reclaim its locks after a restart", name);
        }
    }

    /**
     * A host freed all its locks or rebooted: its locks and waiting requests go. Only the host
     * itself (the address its locks came from) or a local caller may ask; -1 when refused.
     */
    int releaseHost(String name, InetAddress caller) {
        InetAddress known = holders.get(name);
        if (!caller.isLoopbackAddress() && known != null && !known.equals(caller)) {
            LOG.warn("Refused to release the locks of {} at the request of {}: they were taken from {}",
                    name, caller.getHostAddress(), known.getHostAddress());
            return -1;
        }
        holders.remove(name);
        hosts.forget(name);
        return leases.releaseClient(NlmLock.PROTOCOL, name);
    }

    /** Calls the client back once when {@code pending} is granted, however often it repeated its LOCK. */
    void callBackWhenGranted(PendingLock pending, InetAddress host, byte[] cookie, NlmLock lock) {
        if (!awaited.add(pending)) {
            return;
        }
        pending.completion().thenAccept(status -> {
            awaited.remove(pending);
            if (status == LockStatus.GRANTED) {
                granted(host, cookie, pending.exclusive(), lock).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        // The lock stays held: the client polls its blocked LOCK and is then granted it.
                        LOG.info("NLM4_GRANTED callback to {} failed: {}", host.getHostAddress(), failure.toString());
                    }
                });
            }
        });
    }

    /**
     * Sends the result of an asynchronous _MSG call to the client's NLM as the matching _RES call;
     * a client that cannot be reached is logged, and asks again.
     */
    void sendResult(InetAddress host, int resProcedure, Consumer<XdrEncoder> result) {
        callbacks.call(host, NLM_PROGRAM, NLM_VERSION, resProcedure, result).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.info("NLM4 procedure {} callback to {} failed: {}", resProcedure, host.getHostAddress(), failure.toString());
            }
        });
    }

    /** Tells a client that its blocked lock is now granted (NLM4_GRANTED with the lock's arguments). */
    CompletionStage<Void> granted(InetAddress host, byte[] cookie, boolean exclusive, NlmLock lock) {
        return callbacks.call(host, NLM_PROGRAM, NLM_VERSION, NLM4_GRANTED, out -> {
            out.writeOpaque(cookie);
            out.writeBool(exclusive);
            lock.encode(out);
        });
    }

    private void notifyRestart(MonitoredHosts.Host host) {
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(host.address());
        } catch (IllegalArgumentException e) {
            LOG.warn("NSM record of {} has a bad address {}", host.name(), host.address());
            return;
        }
        callbacks.call(address, NSM_PROGRAM, 1, SM_NOTIFY, (XdrEncoder out) -> out.writeString(serverName).writeInt(hosts.state()))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.info("SM_NOTIFY to {} ({}) failed: {}", host.name(), host.address(), failure.toString());
                    } else {
                        LOG.info("SM_NOTIFY sent to {} ({})", host.name(), host.address());
                    }
                });
    }

    /** The NLM status for a handle that failed its check. */
    static int handleStatus(VfsException e) {
        return switch (e.error()) {
            case BADHANDLE, STALE -> NlmStatus.STALE_FH;
            default -> NlmStatus.FAILED;
        };
    }
}
