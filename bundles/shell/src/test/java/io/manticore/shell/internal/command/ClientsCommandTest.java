package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.admin.ClientInfo;
import io.manticore.api.admin.ClientSource;

public class ClientsCommandTest {

    @Rule
    public final CapturedOutput output = new CapturedOutput();

    private final ClientInfo smbClient = new ClientInfo("smb", "10.0.0.7", "ntlm", 1, 56, List.of());
    private final ClientInfo nfsMountedOnly = new ClientInfo("nfs3", "192.168.1.9", "-", 0, 0, List.of("/mem"));
    private final ClientInfo nfsBusy = new ClientInfo("nfs3", "10.0.0.2", "sys", 2, 1234, List.of("/data", "/mem"));
    private final ClientSource smb = () -> List.of(smbClient);
    private final ClientSource nfs = () -> List.of(nfsMountedOnly, nfsBusy);

    @Test
    public void clientsMergesEverySourceSortedByProtocolThenAddress() {
        List<ClientInfo> result = new ClientsCommand(List.of(smb, nfs)).clients();

        assertEquals(""
                + "PROTOCOL  ADDRESS      AUTH  CONNECTIONS  CALLS  DETAIL\n"
                + "--------  -------      ----  -----------  -----  ------\n"
                + "nfs3      10.0.0.2     sys             2   1234  /data,/mem\n"
                + "nfs3      192.168.1.9  -               0      0  /mem\n"
                + "smb       10.0.0.7     ntlm            1     56  -\n", output.text());
        assertEquals(List.of(nfsBusy, nfsMountedOnly, smbClient), result);
    }

    @Test
    public void withoutSourcesClientsPrintsTheHeaderOnly() {
        assertEquals(List.of(), new ClientsCommand().clients());
        assertEquals(""
                + "PROTOCOL  ADDRESS  AUTH  CONNECTIONS  CALLS  DETAIL\n"
                + "--------  -------  ----  -----------  -----  ------\n", output.text());
    }

    @Test
    public void aSourceThatGoesAwayIsNoLongerAskedAndOneThatArrivesIs() {
        ClientsCommand command = new ClientsCommand(List.of(nfs));

        command.addSource(smb);
        command.removeSource(nfs);

        assertEquals(List.of(smbClient), command.clients());
    }
}
