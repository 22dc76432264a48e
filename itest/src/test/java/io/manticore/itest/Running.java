package io.manticore.itest;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.admin.MountAdmin;

/** What the ITs wait for in the assembled server before they start: a bound listener, active mounts. */
final class Running {

    private Running() {
    }

    /** The port the first bound listener of {@code protocol} took, or -1 while there is none. */
    static int port(ListenerAdmin listeners, String protocol) {
        for (ListenerInfo l : listeners.listeners()) {
            if (l.protocol().equals(protocol) && l.boundPort() > 0) {
                return l.boundPort();
            }
        }
        return -1;
    }

    /** Waits until a listener of {@code protocol} is bound and every mount in {@code mountNames} is ACTIVE. */
    static void await(ListenerAdmin listeners, MountAdmin mounts, String protocol, String... mountNames)
            throws InterruptedException {
        Await.until("the " + protocol + " listener BOUND", 30_000, () -> port(listeners, protocol) > 0);
        for (String mount : mountNames) {
            Await.until("mount " + mount + " ACTIVE", 20_000, () -> mounts.mounts().stream()
                    .anyMatch(m -> m.name().equals(mount) && "ACTIVE".equals(m.state())));
        }
    }
}
