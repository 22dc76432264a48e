package io.manticore.core.internal.listener;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.config.ConfigListener;
import io.manticore.api.config.ListenerConfig;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.transport.BoundListener;
import io.manticore.api.transport.Transport;

/**
 * Binds every configured listener once both its protocol and its transport are present,
 * closes it when either goes away, and follows configuration changes. A listener that cannot
 * bind is logged with the reason and left FAILED; the others keep serving.
 */
@Component(immediate = true, service = {ListenerAdmin.class, ConfigListener.class})
public final class ListenerManager implements ListenerAdmin, ConfigListener {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerManager.class);
    /** A socket that takes longer than this to close no longer holds back a new bind of its port. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Map<String, Transport> transports = new HashMap<>();
    /** Read without the lock by the routers of shared RPC ports. */
    private final Map<String, RegisteredProtocol> protocols = new ConcurrentHashMap<>();
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    /** Sockets being closed, by {@link ListenerConfig#socket()}: a new bind of the same port waits for them. */
    private final Map<String, CompletableFuture<Void>> closing = new HashMap<>();

    /** One configured listener and what became of it. */
    private static final class Slot {
        final ListenerConfig config;
        Transport transport;
        ProtocolHandler protocol;
        BoundListener bound;
        /** The router of a shared RPC port, made once. */
        SharedRpcPort sharedPort;
        String state = "WAITING";
        String detail = "";

        Slot(ListenerConfig config) {
            this.config = config;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void addTransport(Transport transport) {
        Transport replaced = transports.put(transport.name(), transport);
        if (replaced != null && replaced != transport) {
            unbindUsing(replaced, null, "transport " + transport.name() + " replaced");
        }
        reconcile();
    }

    public synchronized void removeTransport(Transport transport) {
        transports.remove(transport.name(), transport);
        unbindUsing(transport, null, "transport " + transport.name() + " went away");
        reconcile();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void addProtocol(ProtocolHandler protocol, Map<String, Object> properties) {
        RegisteredProtocol replaced = protocols.put(protocol.name(), RegisteredProtocol.of(protocol, properties));
        if (replaced != null && replaced.handler() != protocol) {
            unbindUsing(null, replaced.handler(), "protocol " + protocol.name() + " replaced");
        }
        reconcile();
    }

    public synchronized void removeProtocol(ProtocolHandler protocol) {
        RegisteredProtocol registered = protocols.get(protocol.name());
        if (registered != null && registered.handler() == protocol) {
            protocols.remove(protocol.name());
        }
        unbindUsing(null, protocol, "protocol " + protocol.name() + " went away");
        reconcile();
    }

    @Override
    public synchronized void configApplied(ServerConfig config) {
        Map<String, ListenerConfig> wanted = new LinkedHashMap<>();
        for (ListenerConfig l : config.listeners()) {
            wanted.put(l.id(), l);
        }
        for (Slot s : new ArrayList<>(slots.values())) {
            if (!wanted.containsKey(s.config.id())) {
                unbind(s, "removed from the configuration");
                slots.remove(s.config.id());
            }
        }
        for (ListenerConfig l : wanted.values()) {
            Slot s = slots.computeIfAbsent(l.id(), id -> new Slot(l));
            if ("FAILED".equals(s.state)) {
                unbind(s, "retrying after a configuration change");
            }
        }
        reconcile();
    }

    @Deactivate
    public synchronized void deactivate() {
        for (Slot s : slots.values()) {
            unbind(s, "server stopping");
        }
        slots.clear();
    }

    @Override
    public synchronized List<ListenerInfo> listeners() {
        List<ListenerInfo> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            BoundListener b = s.bound;
            out.add(new ListenerInfo(s.config.protocol(), s.config.transport(), s.config.address(),
                    s.config.port(), s.state, b != null ? b.localAddress().getPort() : -1,
                    b != null ? b.connections() : 0, detail(s)));
        }
        return out;
    }

    private static String detail(Slot s) {
        if (s.bound == null || s.sharedPort == null || s.sharedPort.missing().isEmpty()) {
            return s.detail;
        }
        return "not installed: " + String.join(", ", s.sharedPort.missing());
    }

    private void reconcile() {
        for (Slot s : slots.values()) {
            if (s.bound != null || "BINDING".equals(s.state)) {
                continue;
            }
            Transport t = transports.get(s.config.transport());
            ProtocolHandler p = protocolOf(s);
            if (t == null || p == null) {
                s.state = "WAITING";
                s.detail = t == null ? "no transport '" + s.config.transport() + "' installed"
                        : "no protocol '" + s.config.protocol() + "' installed";
                continue;
            }
            if ("FAILED".equals(s.state) && s.transport == t && s.protocol == p) {
                continue; // the same pair failed already; a configuration change or a new service retries
            }
            bind(s, t, p);
        }
    }

    private void bind(Slot s, Transport t, ProtocolHandler p) {
        if (closing.containsKey(s.config.socket())) {
            // Binding now would race the old socket (address in use); the close's completion binds.
            s.state = "WAITING";
            s.detail = "the previous socket on this port is closing";
            return;
        }
        s.transport = t;
        s.protocol = p;
        s.state = "BINDING";
        s.detail = "";
        InetSocketAddress address = new InetSocketAddress(s.config.address(), s.config.port());
        try {
            t.bind(address, p).whenComplete((bound, failure) -> bound(s, t, p, bound, failure));
        } catch (RuntimeException e) {
            bound(s, t, p, null, e);
        }
    }

    private synchronized void bound(Slot s, Transport t, ProtocolHandler p, BoundListener bound, Throwable failure) {
        boolean stillWanted = slots.get(s.config.id()) == s && s.transport == t && s.protocol == p
                && transports.get(t.name()) == t && protocolOf(s) == p;
        if (!stillWanted) {
            if (bound != null) {
                bound.close();
            }
            return;
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            s.state = "FAILED";
            s.detail = String.valueOf(cause.getMessage());
            LOG.error("listener {} cannot bind: {}", s.config.id(), s.detail);
            return;
        }
        s.bound = bound;
        s.state = "BOUND";
        LOG.info("listener {} bound to {}", s.config.id(), bound.localAddress());
    }

    private synchronized void closed(String socket, CompletableFuture<Void> closed) {
        if (closing.remove(socket, closed)) {
            reconcile();
        }
    }

    /** Closes every listener bound through {@code transport} or {@code protocol}. */
    /**
     * Closes every listener bound through {@code transport} or {@code protocol}; a shared RPC port
     * stays bound while one of its protocols is present (each drains its own connections).
     */
    private void unbindUsing(Transport transport, ProtocolHandler protocol, String why) {
        for (Slot s : slots.values()) {
            boolean sharedEmptied = protocol != null && s.protocol instanceof SharedRpcPort shared && !shared.anyPresent();
            if ((transport != null && s.transport == transport) || (protocol != null && s.protocol == protocol) || sharedEmptied) {
                unbind(s, why);
            }
        }
    }

    /**
     * The protocol a slot binds with, when it can bind: the protocol it names, or for a shared RPC
     * port its router, kept for the slot's life, while one of its protocols is present.
     */
    private ProtocolHandler protocolOf(Slot s) {
        if (!s.config.isShared()) {
            RegisteredProtocol p = protocols.get(s.config.protocol());
            return p == null ? null : p.handler();
        }
        if (s.sharedPort == null) {
            s.sharedPort = new SharedRpcPort(s.config.protocol(), s.config.protocols(), protocols::get);
        }
        return s.sharedPort.anyPresent() ? s.sharedPort : null;
    }

    private void unbind(Slot s, String why) {
        CompletableFuture<Void> closed = null;
        String socket = s.config.socket();
        if (s.bound != null) {
            LOG.info("listener {} closed: {}", s.config.id(), why);
            closed = s.bound.close().toCompletableFuture().copy().orTimeout(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            s.bound = null;
        }
        s.state = "WAITING";
        s.detail = why;
        s.transport = null;
        s.protocol = null;
        if (closed != null && s.config.port() != 0 && !closed.isDone()) {
            closing.put(socket, closed);
            CompletableFuture<Void> pending = closed;
            pending.whenComplete((v, e) -> closed(socket, pending));
        }
    }
}
