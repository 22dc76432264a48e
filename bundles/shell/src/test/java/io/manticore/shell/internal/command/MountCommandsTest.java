package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import io.manticore.api.admin.ModuleInfo;
import io.manticore.api.admin.MountInfo;
import io.manticore.api.vfs.Capability;

public class MountCommandsTest {

    @Rule
    public final CapturedOutput output = new CapturedOutput();

    private final FixedMountAdmin admin = new FixedMountAdmin();
    private final MountInfo mem = new MountInfo("mem", "memfs", "/", "id-mem", "ACTIVE",
            Set.of(Capability.HANDOVER, Capability.XATTR, Capability.HARDLINKS), 1234, 0, "");
    private final MountInfo data = new MountInfo("data", "linux", "./data", "id-data", "SUSPENDED",
            Set.of(Capability.BLOCKING), 7, 2, "module linux is away");

    @Before
    public void fill() {
        admin.mounts.addAll(List.of(mem, data));
        admin.modules.add(new ModuleInfo("memfs", "io.manticore.memfs", "0.1.0",
                Set.of(Capability.HANDOVER, Capability.XATTR, Capability.HARDLINKS), 1));
        admin.modules.add(new ModuleInfo("linux", "io.manticore.linux", "0.1.0",
                Set.of(Capability.PERSISTENT, Capability.BLOCKING), 2));
    }

    @Test
    public void mountsPrintsOneRowPerMountAndReturnsTheRecords() {
        List<MountInfo> result = new MountsCommand(admin).mounts();

        assertEquals(""
                + "NAME  MODULE  PATH    STATE      CALLS  WAITING  MOUNT-ID  CAPABILITIES\n"
                + "----  ------  ----    -----      -----  -------  --------  ------------\n"
                + "mem   memfs   /       ACTIVE      1234        0  id-mem    xattr,hardlinks,handover\n"
                + "data  linux   ./data  SUSPENDED      7        2  id-data   blocking\n", output.text());
        assertEquals(List.of(mem, data), result);
    }

    @Test
    public void modulesPrintsBundlesVersionsAndCapabilities() {
        List<ModuleInfo> result = new ModulesCommand(admin).modules();

        assertEquals(""
                + "NAME   BUNDLE              VERSION  MOUNTS  CAPABILITIES\n"
                + "----   ------              -------  ------  ------------\n"
                + "memfs  io.manticore.memfs  0.1.0         1  xattr,hardlinks,handover\n"
                + "linux  io.manticore.linux  0.1.0         2  blocking,persistent\n", output.text());
        assertEquals(admin.modules, result);
    }

    @Test
    public void swapMovesTheMountAndPrintsItsNewRow() {
        List<MountInfo> result = new SwapCommand(admin).swap("data", "iouring");

        assertEquals(List.of("data->iouring"), admin.swaps);
        assertEquals(""
                + "NAME  MODULE   PATH    STATE   CALLS  WAITING  MOUNT-ID  CAPABILITIES\n"
                + "----  ------   ----    -----   -----  -------  --------  ------------\n"
                + "data  iouring  ./data  ACTIVE      7        0  id-data   blocking\n", output.text());
        assertEquals(List.of(new MountInfo("data", "iouring", "./data", "id-data", "ACTIVE",
                Set.of(Capability.BLOCKING), 7, 0, "")), result);
    }

    @Test
    public void swapOfAnUnknownMountFailsWithCoresMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SwapCommand(admin).swap("nope", "memfs"));

        assertEquals("no mount named nope", e.getMessage());
        assertEquals("", output.text());
    }

    @Test
    public void everyCommandSaysCoreIsNotRunningWhenMountAdminIsAbsent() {
        List<Runnable> commands = List.of(
                () -> new MountsCommand(null).mounts(),
                () -> new ModulesCommand(null).modules(),
                () -> new SwapCommand(null).swap("mem", "memfs"),
                () -> new StatsCommand(null).stats(),
                () -> new CacheCommand(null).cache(),
                () -> new CacheCommand(null).cache("clear"));
        for (Runnable command : commands) {
            IllegalStateException e = assertThrows(IllegalStateException.class, command::run);
            assertEquals("core is not running", e.getMessage());
        }
        assertEquals("", output.text());
    }

    @Test
    public void resultsAreMarkedAsPrintedSoConsolesShowNothingMore() {
        Object result = new MountsCommand(admin).mounts();
        PrintedResultConverter converter = new PrintedResultConverter();

        assertEquals("", converter.format(result, PrintedResultConverter.INSPECT, null));
        assertEquals(null, converter.format(result, PrintedResultConverter.LINE, null));
        assertEquals(null, converter.format("text", PrintedResultConverter.INSPECT, null));
    }
}
