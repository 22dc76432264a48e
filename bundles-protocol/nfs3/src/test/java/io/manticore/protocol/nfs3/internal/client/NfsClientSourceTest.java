package io.manticore.protocol.nfs3.internal.client;

import static org.junit.Assert.assertEquals;

import java.net.InetAddress;
import java.util.List;

import org.junit.Test;

import io.manticore.api.admin.ClientInfo;

public class NfsClientSourceTest {

    private final Clients clients = new Clients();
    private final NfsClientSource source = new NfsClientSource(clients);

    @Test
    public void listsEveryRecordedClientWithItsAuthConnectionsCallsAndMountedPaths() throws Exception {
        InetAddress busy = InetAddress.getByName("10.0.0.2");
        InetAddress mountedOnly = InetAddress.getByName("192.168.1.9");
        ClientRecord first = clients.connected(busy, "nfs3");
        clients.connected(busy, "nfs3");
        first.called("none");
        first.called("none");
        first.called("sys");
        clients.mounted(busy, "/mem");
        clients.mounted(busy, "/data");
        clients.mounted(mountedOnly, "/mem");

        assertEquals(List.of(
                new ClientInfo("nfs3", "10.0.0.2", "sys", 2, 3, List.of("/data", "/mem")),
                new ClientInfo("nfs3", "192.168.1.9", "-", 0, 0, List.of("/mem"))), source.clients());
    }

    @Test
    public void connectionsToMountNlmAndNsmAreShownInTheDetailNotCountedAsNfsConnections() throws Exception {
        InetAddress address = InetAddress.getByName("10.0.0.5");
        clients.connected(address, "nfs3");
        clients.connected(address, "nlm");
        ClientRecord mount = clients.connected(address, "mount");
        clients.connected(address, "nlm");

        assertEquals(List.of(new ClientInfo("nfs3", "10.0.0.5", "-", 1, 0, List.of("mount:1", "nlm:2"))),
                source.clients());

        clients.disconnected(mount, "mount");

        assertEquals(List.of(new ClientInfo("nfs3", "10.0.0.5", "-", 1, 0, List.of("nlm:2"))), source.clients());
    }

    @Test
    public void aClientIsNoLongerListedOnceItHasNeitherConnectionsNorMounts() throws Exception {
        InetAddress address = InetAddress.getByName("10.0.0.3");
        ClientRecord record = clients.connected(address, "nfs3");
        clients.mounted(address, "/mem");
        clients.disconnected(record, "nfs3");

        assertEquals(List.of(new ClientInfo("nfs3", "10.0.0.3", "-", 0, 0, List.of("/mem"))), source.clients());

        clients.unmounted(address, "/mem");

        assertEquals(List.of(), source.clients());
    }

    @Test
    public void eachListingIsASnapshotThatLaterCallsDoNotChange() throws Exception {
        InetAddress address = InetAddress.getByName("10.0.0.4");
        ClientRecord record = clients.connected(address, "nfs3");
        record.called("sys");
        List<ClientInfo> before = source.clients();

        record.called("sys");
        clients.mounted(address, "/mem");

        assertEquals(List.of(new ClientInfo("nfs3", "10.0.0.4", "sys", 1, 1, List.of())), before);
        assertEquals(List.of(new ClientInfo("nfs3", "10.0.0.4", "sys", 1, 2, List.of("/mem"))), source.clients());
    }
}
