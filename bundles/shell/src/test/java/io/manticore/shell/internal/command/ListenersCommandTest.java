package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.admin.ListenerInfo;

public class ListenersCommandTest {

    @Rule
    public final CapturedOutput output = new CapturedOutput();

    @Test
    public void listenersPrintsBoundPortsStatesAndDetails() {
        List<ListenerInfo> listeners = List.of(
                new ListenerInfo("nfs3", "tcp", "0.0.0.0", 2049, "BOUND", 2049, 3, ""),
                new ListenerInfo("s3", "tcp", "127.0.0.1", 0, "WAITING", -1, 0, "protocol s3 is not present"));

        List<ListenerInfo> result = new ListenersCommand(() -> listeners).listeners();

        assertEquals(""
                + "PROTOCOL  TRANSPORT  ADDRESS    PORT  BOUND-PORT  STATE    CONNECTIONS  DETAIL\n"
                + "--------  ---------  -------    ----  ----------  -----    -----------  ------\n"
                + "nfs3      tcp        0.0.0.0    2049        2049  BOUND              3  -\n"
                + "s3        tcp        127.0.0.1     0           -  WAITING            0  protocol s3 is not present\n",
                output.text());
        assertEquals(listeners, result);
    }

    @Test
    public void listenersSaysCoreIsNotRunningWhenListenerAdminIsAbsent() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ListenersCommand(null).listeners());

        assertEquals("core is not running", e.getMessage());
        assertEquals("", output.text());
    }
}
