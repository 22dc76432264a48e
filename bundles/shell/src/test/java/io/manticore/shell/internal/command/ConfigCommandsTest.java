package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.admin.SessionInfo;
import io.manticore.api.admin.SessionSource;
import io.manticore.api.config.ExportConfig;
import io.manticore.api.config.ShareConfig;

public class ConfigCommandsTest {

    @Rule
    public final CapturedOutput output = new CapturedOutput();

    private final ExportConfig memExport = new ExportConfig("/mem", false, "root", List.of("127.0.0.0/8", "::1/128"),
            65534, 65534);
    private final ExportConfig dataExport = new ExportConfig("/data", true, "all", List.of(), 1000, 100);
    private final ShareConfig memShare = new ShareConfig("/mem", false, "scratch space");
    private final ShareConfig archiveShare = new ShareConfig("/data/archive", true, "");

    private final FixedConfigService config = new FixedConfigService(
            ordered("/mem", memExport, "/data", dataExport),
            ordered("mem", memShare, "archive", archiveShare),
            Map.of());

    @Test
    public void exportsPrintsEachPathOnceWithAccessSquashAnonymousIdsAndClientsInFileOrder() {
        List<Named<ExportConfig>> result = new ExportsCommand(config).exports();

        assertEquals(""
                + "PATH   ACCESS  SQUASH  ANON         CLIENTS\n"
                + "----   ------  ------  ----         -------\n"
                + "/mem   rw      root    65534:65534  127.0.0.0/8,::1/128\n"
                + "/data  ro      all     1000:100     -\n", output.text());
        assertEquals(List.of(new Named<>("/mem", memExport), new Named<>("/data", dataExport)), result);
    }

    @Test
    public void sharesPrintsPathAccessAndComment() {
        SessionSource smb = () -> List.of(
                new SessionInfo("smb", "10.0.0.7", "alice", "3.1.1", true, true, 3, List.of("MEM", "archive")),
                new SessionInfo("smb", "10.0.0.8", "bob", "2.1", false, false, 0, List.of("mem")));
        List<Named<ShareConfig>> result = new SharesCommand(config, List.of(smb)).shares();

        assertEquals(""
                + "NAME     PATH           ACCESS  COMMENT        CONNECTIONS\n"
                + "----     ----           ------  -------        -----------\n"
                + "mem      /mem           rw      scratch space            2\n"
                + "archive  /data/archive  ro      -                        1\n", output.text());
        assertEquals(List.of(new Named<>("mem", memShare), new Named<>("archive", archiveShare)), result);
    }

    @Test
    public void everyCommandSaysCoreIsNotRunningWhenConfigServiceIsAbsent() {
        List<Runnable> commands = List.of(
                () -> new ExportsCommand(null).exports(),
                () -> new SharesCommand(null, List.of()).shares(),
                () -> new BucketsCommand(null, null, 1).buckets());
        for (Runnable command : commands) {
            IllegalStateException e = assertThrows(IllegalStateException.class, command::run);
            assertEquals("core is not running", e.getMessage());
        }
        assertEquals("", output.text());
    }

    private static <T> Map<String, T> ordered(String firstKey, T first, String secondKey, T second) {
        Map<String, T> map = new LinkedHashMap<>();
        map.put(firstKey, first);
        map.put(secondKey, second);
        return map;
    }
}
