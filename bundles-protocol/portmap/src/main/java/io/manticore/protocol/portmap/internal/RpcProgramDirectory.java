package io.manticore.protocol.portmap.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

import io.manticore.api.admin.ListenerAdmin;
import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.config.ListenerConfig;
import io.manticore.api.protocol.ProtocolHandler;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manticore's own RPC programs and where they are served: the program versions every protocol
 * handler declares in {@value ProtocolHandler#RPC_PROGRAMS_PROPERTY}, placed on the BOUND
 * listeners of its {@value ProtocolHandler#PROTOCOL_PROPERTY} that core's {@link ListenerAdmin}
 * reports. Nothing is cached: every answer reads the listeners as they are at that moment.
 */
@Component(immediate = true, service = RpcProgramDirectory.class)
public final class RpcProgramDirectory {

    /** The r_owner of Manticore's own mappings. */
    static final String OWNER = "manticore";

    private static final Logger LOG = LoggerFactory.getLogger(RpcProgramDirectory.class);
    private static final String BOUND = "BOUND";
    private static final InetAddress IPV4_ANY = InetAddress.ofLiteral("0.0.0.0");

    /** What one protocol handler declares. */
    private record Declared(String protocol, List<ProgramVersion> programs) {
    }

    /** By service id, so the handlers registered first are listed first. */
    private final Map<Long, Declared> declared = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ListenerAdmin listenerAdmin;

    public RpcProgramDirectory() {
    }

    /** For tests: the directory over {@code listenerAdmin}, without OSGi. */
    RpcProgramDirectory(ListenerAdmin listenerAdmin) {
        this.listenerAdmin = listenerAdmin;
    }

    // Only the service properties are read, so the handler's service object is never fetched.
    @Reference(service = ProtocolHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + ProtocolHandler.RPC_PROGRAMS_PROPERTY + "=*)",
            unbind = "removeProtocol", updated = "updateProtocol")
    void addProtocol(Map<String, Object> properties) {
        Object id = properties.get(Constants.SERVICE_ID);
        Object protocol = properties.get(ProtocolHandler.PROTOCOL_PROPERTY);
        if (!(id instanceof Long serviceId)) {
            return;
        }
        if (!(protocol instanceof String name) || name.isEmpty()) {
            LOG.warn("Ignoring the RPC programs of service {}: it has no {} property", serviceId,
                    ProtocolHandler.PROTOCOL_PROPERTY);
            declared.remove(serviceId);
            return;
        }
        declared.put(serviceId, new Declared(name, programs(name, properties.get(ProtocolHandler.RPC_PROGRAMS_PROPERTY))));
    }

    void updateProtocol(Map<String, Object> properties) {
        addProtocol(properties);
    }

    void removeProtocol(Map<String, Object> properties) {
        if (properties.get(Constants.SERVICE_ID) instanceof Long serviceId) {
            declared.remove(serviceId);
        }
    }

    /** True when a Manticore protocol declares this program version, whether a listener serves it now or not. */
    boolean declares(int program, int version) {
        for (Declared d : declared.values()) {
            for (ProgramVersion pv : d.programs()) {
                if (pv.is(program, version)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Manticore's programs as served now: a mapping per program version, BOUND listener and address family. */
    List<Mapping> mappings() {
        ListenerAdmin admin = listenerAdmin;
        if (admin == null || declared.isEmpty()) {
            return List.of();
        }
        List<Mapping> out = new ArrayList<>();
        for (ListenerInfo listener : admin.listeners()) {
            if (!BOUND.equals(listener.state()) || listener.boundPort() <= 0) {
                continue;
            }
            List<InetSocketAddress> addresses = addresses(listener);
            for (Declared d : declared.values()) {
                if (!servedBy(listener, d.protocol())) {
                    continue;
                }
                for (ProgramVersion pv : d.programs()) {
                    for (InetSocketAddress address : addresses) {
                        Netid netid = Netid.ofListener(listener.transport(), address.getAddress());
                        out.add(new Mapping(pv.program(), pv.version(), netid, address, OWNER));
                    }
                }
            }
        }
        return out;
    }

    /** True when {@code listener} serves {@code protocol}, alone or sharing its port with other RPC protocols. */
    private static boolean servedBy(ListenerInfo listener, String protocol) {
        return List.of(listener.protocol().split(Pattern.quote(ListenerConfig.PROTOCOL_SEPARATOR))).contains(protocol);
    }

    // A listener on "::" is a dual-stack socket that takes IPv4 too, so it is announced on both netids.
    private static List<InetSocketAddress> addresses(ListenerInfo listener) {
        InetAddress host;
        try {
            host = listener.address() == null ? null : InetAddress.ofLiteral(listener.address());
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            return List.of();
        }
        InetSocketAddress address = new InetSocketAddress(host, listener.boundPort());
        if (host instanceof Inet6Address && host.isAnyLocalAddress()) {
            return List.of(address, new InetSocketAddress(IPV4_ANY, listener.boundPort()));
        }
        return List.of(address);
    }

    private static List<ProgramVersion> programs(String protocol, Object value) {
        List<ProgramVersion> programs = new ArrayList<>();
        for (Object item : items(value)) {
            try {
                programs.add(ProgramVersion.parse(String.valueOf(item)));
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring an RPC program of protocol {}: {}", protocol, e.getMessage());
            }
        }
        return List.copyOf(programs);
    }

    private static List<?> items(Object value) {
        return switch (value) {
            case String one -> List.of(one);
            case String[] many -> List.of(many);
            case Collection<?> many -> List.copyOf(many);
            case null, default -> List.of();
        };
    }
}
