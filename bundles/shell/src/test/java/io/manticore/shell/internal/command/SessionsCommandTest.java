package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.admin.SessionInfo;
import io.manticore.api.admin.SessionSource;

public class SessionsCommandTest {

    @Rule
    public final CapturedOutput output = new CapturedOutput();

    private final SessionInfo bob = new SessionInfo("smb", "10.0.0.9", "bob", "2.1", false, false, 0, List.of());
    private final SessionInfo alice = new SessionInfo("smb", "10.0.0.7", "alice", "3.1.1", true, true, 12, List.of("IPC$", "mem"));

    @Test
    public void sessionsListsEverySourceByAddressWithDialectProtectionOpensAndShares() {
        SessionSource one = () -> List.of(bob);
        SessionSource two = () -> List.of(alice);

        List<SessionInfo> result = new SessionsCommand(List.of(one, two)).sessions();

        assertEquals(""
                + "PROTOCOL  ADDRESS   USER   DIALECT  SIGNED  ENCRYPTED  OPEN  SHARES\n"
                + "--------  -------   ----   -------  ------  ---------  ----  ------\n"
                + "smb       10.0.0.7  alice  3.1.1    yes     yes          12  IPC$,mem\n"
                + "smb       10.0.0.9  bob    2.1      no      no            0  -\n", output.text());
        assertEquals(List.of(alice, bob), result);
    }

    @Test
    public void aSourceThatGoesAwayIsNoLongerAsked() {
        SessionSource one = () -> List.of(bob);
        SessionsCommand command = new SessionsCommand(List.of(one));

        command.removeSource(one);

        assertEquals(List.of(), command.sessions());
    }
}
