package io.manticore.protocol.nfs3.internal.nlm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.manticore.api.lease.LeaseManager;
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

    /** Starts monitoring a host that now holds a lock. */
    void monitor(String name, InetAddress address) {
        if (!hosts.monitor(name, address)) {
            LOG.warn("NSM host table full: {} will not be told to reclaim its locks after a restart", name);
        }
    }

    /** A host freed all its locks or rebooted: its locks and waiting requests go. */
    int releaseHost(String name) {
        hosts.forget(name);
        return leases.releaseClient(NlmLock.PROTOCOL, name);
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
