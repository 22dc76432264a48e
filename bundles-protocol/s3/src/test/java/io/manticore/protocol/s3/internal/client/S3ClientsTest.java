package io.manticore.protocol.s3.internal.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.manticore.api.admin.ClientInfo;

public class S3ClientsTest {

    @Test
    public void aClientShowsItsOpenConnectionsRequestsAndLastUser() {
        S3Clients clients = new S3Clients();
        ConnectionStats first = clients.connection("192.0.2.7");
        ConnectionStats second = clients.connection("192.0.2.7");
        first.opened();
        second.opened();
        first.request("alice");
        second.request(null);
        second.closed();

        assertEquals(List.of(new ClientInfo("s3", "192.0.2.7", "anonymous", 1, 2, List.of("user alice"))), clients.clients());
    }

    @Test
    public void idleAddressesAreForgottenOnceThereAreTooMany() {
        S3Clients clients = new S3Clients();
        ConnectionStats open = clients.connection("198.51.100.1");
        open.opened();
        for (int i = 0; i <= S3Clients.MAX_IDLE_CLIENTS; i++) {
            ConnectionStats c = clients.connection("10.0." + (i >> 8) + "." + (i & 255));
            c.opened();
            c.closed();
        }
        List<ClientInfo> kept = clients.clients();
        assertTrue("idle addresses were dropped: " + kept.size(), kept.size() < S3Clients.MAX_IDLE_CLIENTS);
        assertTrue("the address with a connection open stays", kept.stream()
                .anyMatch(c -> c.address().equals("198.51.100.1") && c.connections() == 1));
    }
}
