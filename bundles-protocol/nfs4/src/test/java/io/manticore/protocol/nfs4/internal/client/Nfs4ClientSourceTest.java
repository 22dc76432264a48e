package io.manticore.protocol.nfs4.internal.client;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.admin.ClientInfo;
import io.manticore.protocol.nfs4.internal.Nfs41Session;
import io.manticore.protocol.nfs4.internal.Nfs4Fixture;
import io.manticore.protocol.nfs4.internal.Nfs4TestClient;
import io.manticore.protocol.nfs4.internal.compound.Opcodes;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.testkit.LeakCheck;

public class Nfs4ClientSourceTest {

    @Rule
    public final LeakCheck leaks = new LeakCheck();

    private final Nfs4Fixture fixture = new Nfs4Fixture();
    private final Nfs4ClientSource source = new Nfs4ClientSource(fixture.server().state());

    @After
    public void tearDown() {
        fixture.close();
    }

    @Test
    public void listsEachConfirmedClientWithItsVersionSessionsAndOpens() {
        try (Nfs4TestClient v40 = fixture.client(); Nfs4TestClient v41 = fixture.client().anonymous()) {
            XdrDecoder set = v40.compound(0, r -> r.setclientid("host-40".getBytes(StandardCharsets.UTF_8), 1))
                    .ok(Opcodes.SETCLIENTID);
            long clientId = set.readHyper();
            long confirm = set.readHyper();
            v40.compound(0, r -> r.setclientidConfirm(clientId, confirm));
            v40.compound(0, r -> r.putrootfh().lookup("mem").openCreate(0, 3, 0, clientId, "owner", "f", 0, 0644));
            v40.compound(0, r -> r.renew(clientId));
            Nfs41Session session = new Nfs41Session(v41, 1, "host-41");
            session.open();
            session.call(r -> r.putrootfh());

            List<ClientInfo> clients = source.clients();
            assertEquals(2, clients.size());
            assertEquals(new ClientInfo("nfs4", "127.0.0.1", "sys", 1, 3, List.of("id=" + Long.toHexString(clientId),
                    "v4.0", "owner=host-40", "sessions=0", "open-owners=1", "opens=1")), clients.get(0));
            ClientInfo v41Row = clients.get(1);
            assertEquals("none", v41Row.auth());
            assertEquals(List.of("id=" + Long.toHexString(session.clientId()), "v4.1", "owner=host-41", "sessions=1",
                    "open-owners=0", "opens=0"), v41Row.detail());
            assertEquals("CREATE_SESSION and one SEQUENCE", 2, v41Row.calls());
        }
        assertEquals("closed connections are not counted", 0, source.clients().get(0).connections());
    }
}
