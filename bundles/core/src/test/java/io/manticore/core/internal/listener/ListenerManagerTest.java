package io.manticore.core.internal.listener;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.Test;

import io.manticore.api.admin.ListenerInfo;
import io.manticore.api.config.ListenerConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.config.ServerSettings;
import io.manticore.api.config.ShellConfig;
import io.manticore.api.protocol.ProtocolHandler;
import io.manticore.api.transport.BoundListener;
import io.manticore.api.transport.Transport;
import io.netty.channel.Channel;

public class ListenerManagerTest {

    /** A transport that binds in memory, refusing the ports it is told are taken. */
    private static final class FakeTransport implements Transport {
        final List<FakeBound> bound = new ArrayList<>();
        final List<Integer> taken = new ArrayList<>();

        @Override
        public String name() {
            return "tcp";
        }

        @Override
        public CompletionStage<BoundListener> bind(InetSocketAddress address, ProtocolHandler protocol) {
            if (taken.contains(address.getPort())) {
                return CompletableFuture.failedFuture(new IOException("cannot bind " + address + ": Address already in use"));
            }
            FakeBound b = new FakeBound(new InetSocketAddress(address.getAddress(), address.getPort() == 0 ? 40000 : address.getPort()));
            bound.add(b);
            return CompletableFuture.completedFuture(b);
        }
    }

    private static final class FakeBound implements BoundListener {
        final InetSocketAddress address;
        boolean closed;
        /** When set, close() completes only when the test completes this. */
        CompletableFuture<Void> slowClose;

        FakeBound(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public int connections() {
            return 0;
        }

        @Override
        public CompletionStage<Void> close() {
            closed = true;
            return slowClose != null ? slowClose : CompletableFuture.completedFuture(null);
        }
    }

    private static ProtocolHandler protocol(String name) {
        return new ProtocolHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void initChannel(Channel channel) {
            }
        };
    }

    private static ServerConfig config(ListenerConfig... listeners) {
        return new ServerConfig(new ServerSettings(0, 4, 1000, 10, 10, 10, 10, 1000, false, 90), List.of(listeners),
                Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(), S3Settings.DEFAULTS, new ShellConfig(false, "127.0.0.1", 0));
    }

    private static ListenerInfo only(ListenerManager m) {
        assertEquals(1, m.listeners().size());
        return m.listeners().get(0);
    }

    @Test
    public void aListenerWaitsForItsProtocolAndTransportThenBinds() {
        ListenerManager m = new ListenerManager();
        m.configApplied(config(new ListenerConfig("echo", "tcp", "127.0.0.1", 0)));
        assertEquals("WAITING", only(m).state());
        assertTrue(only(m).detail(), only(m).detail().contains("no transport 'tcp'"));

        FakeTransport tcp = new FakeTransport();
        m.addTransport(tcp);
        assertEquals("WAITING", only(m).state());
        assertTrue(only(m).detail(), only(m).detail().contains("no protocol 'echo'"));

        ProtocolHandler echo = protocol("echo");
        m.addProtocol(echo, Map.of());
        assertEquals("BOUND", only(m).state());
        assertEquals(40000, only(m).boundPort());

        m.removeProtocol(echo);
        assertEquals("WAITING", only(m).state());
        assertTrue(tcp.bound.get(0).closed);

        m.addProtocol(protocol("echo"), Map.of());
        assertEquals("BOUND", only(m).state());
        assertEquals(2, tcp.bound.size());
    }

    @Test
    public void aListenerThatCannotBindIsFailedAndTheOthersServe() {
        ListenerManager m = new ListenerManager();
        FakeTransport tcp = new FakeTransport();
        tcp.taken.add(2049);
        m.addTransport(tcp);
        m.addProtocol(protocol("nfs3"), Map.of());
        m.addProtocol(protocol("s3"), Map.of());
        m.configApplied(config(new ListenerConfig("nfs3", "tcp", "127.0.0.1", 2049),
                new ListenerConfig("s3", "tcp", "127.0.0.1", 9000)));
        List<ListenerInfo> all = m.listeners();
        assertEquals("FAILED", all.get(0).state());
        assertTrue(all.get(0).detail(), all.get(0).detail().contains("Address already in use"));
        assertEquals("BOUND", all.get(1).state());
        assertEquals(9000, all.get(1).boundPort());
    }

    @Test
    public void aConfigurationChangeClosesRemovedListenersAndBindsNewOnes() {
        ListenerManager m = new ListenerManager();
        FakeTransport tcp = new FakeTransport();
        m.addTransport(tcp);
        m.addProtocol(protocol("nfs3"), Map.of());
        m.configApplied(config(new ListenerConfig("nfs3", "tcp", "127.0.0.1", 2049)));
        m.configApplied(config(new ListenerConfig("nfs3", "tcp", "127.0.0.1", 2050)));
        assertTrue(tcp.bound.get(0).closed);
        assertEquals(2050, only(m).boundPort());
        assertEquals("BOUND", only(m).state());

        m.deactivate();
        assertTrue(tcp.bound.get(1).closed);
        assertTrue(m.listeners().isEmpty());
    }

    @Test
    public void aReplacedProtocolIsBoundAgainOnlyOnceTheOldSocketHasClosed() {
        ListenerManager m = new ListenerManager();
        FakeTransport tcp = new FakeTransport();
        m.addTransport(tcp);
        m.addProtocol(protocol("nfs3"), Map.of());
        m.configApplied(config(new ListenerConfig("nfs3", "tcp", "127.0.0.1", 2049)));
        CompletableFuture<Void> closing = new CompletableFuture<>();
        tcp.bound.get(0).slowClose = closing;

        m.addProtocol(protocol("nfs3"), Map.of());
        assertTrue(tcp.bound.get(0).closed);
        assertEquals(1, tcp.bound.size());
        assertEquals("WAITING", only(m).state());
        assertTrue(only(m).detail(), only(m).detail().contains("closing"));

        closing.complete(null);
        assertEquals(2, tcp.bound.size());
        assertEquals("BOUND", only(m).state());
        assertEquals(2049, only(m).boundPort());
    }

    @Test
    public void aNewTransportOfTheSameNameTakesOverItsListeners() {
        ListenerManager m = new ListenerManager();
        FakeTransport old = new FakeTransport();
        m.addTransport(old);
        m.addProtocol(protocol("nfs3"), Map.of());
        m.configApplied(config(new ListenerConfig("nfs3", "tcp", "127.0.0.1", 2049)));
        FakeTransport updated = new FakeTransport();
        m.addTransport(updated);
        assertTrue("the old transport's listener is closed", old.bound.get(0).closed);
        assertEquals(1, updated.bound.size());
        m.removeTransport(old);
        assertEquals("BOUND", only(m).state());
        assertTrue(!updated.bound.get(0).closed);
    }

    @Test
    public void aFailedListenerIsRetriedWhenTheConfigurationIsApplied() {
        ListenerManager m = new ListenerManager();
        FakeTransport tcp = new FakeTransport();
        tcp.taken.add(445);
        m.addTransport(tcp);
        m.addProtocol(protocol("smb"), Map.of());
        ServerConfig c = config(new ListenerConfig("smb", "tcp", "127.0.0.1", 445));
        m.configApplied(c);
        assertEquals("FAILED", only(m).state());
        tcp.taken.clear();
        m.configApplied(c);
        assertEquals("BOUND", only(m).state());
    }

    @Test
    public void aSharedRpcPortBindsWithOneOfItsProtocolsAndStaysBoundWhileOneRemains() {
        ListenerManager m = new ListenerManager();
        FakeTransport tcp = new FakeTransport();
        m.addTransport(tcp);
        m.configApplied(config(new ListenerConfig("nfs4+nfs3", "tcp", "127.0.0.1", 2049)));
        assertEquals("WAITING", only(m).state());

        ProtocolHandler nfs3 = protocol("nfs3");
        m.addProtocol(nfs3, Map.of(ProtocolHandler.RPC_PROGRAMS_PROPERTY, new String[] {"100003:3"}));
        assertEquals("BOUND", only(m).state());
        assertEquals("not installed: nfs4", only(m).detail());

        ProtocolHandler nfs4 = protocol("nfs4");
        m.addProtocol(nfs4, Map.of(ProtocolHandler.RPC_PROGRAMS_PROPERTY, "100003:4"));
        assertEquals("", only(m).detail());
        ProtocolHandler updatedNfs3 = protocol("nfs3");
        m.addProtocol(updatedNfs3, Map.of(ProtocolHandler.RPC_PROGRAMS_PROPERTY, "100003:3"));
        m.removeProtocol(nfs3);
        m.removeProtocol(nfs4);
        assertEquals("an update of one protocol keeps the shared socket", 1, tcp.bound.size());
        assertEquals("BOUND", only(m).state());
        assertTrue(!tcp.bound.get(0).closed);

        m.removeProtocol(updatedNfs3);
        assertEquals("WAITING", only(m).state());
        assertTrue(tcp.bound.get(0).closed);
    }
}
