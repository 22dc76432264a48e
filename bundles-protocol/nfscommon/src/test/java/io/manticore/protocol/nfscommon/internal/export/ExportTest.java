package io.manticore.protocol.nfscommon.internal.export;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ExportConfig;
import io.manticore.api.config.S3Settings;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.cred.Cred;

public class ExportTest {

    private static Export export(String squash) {
        return Export.of(1, new ExportConfig("/mem", false, squash, List.of("10.0.0.0/8"), 65534, 65533));
    }

    @Test
    public void rootSquashMapsUidAndGidZeroIncludingSupplementaryGroups() {
        Cred mapped = export("root").map(new Cred(0, 0, new int[] {0, 5}));
        assertEquals(new Cred(65534, 65533, new int[] {65533, 5}), mapped);
    }

    @Test
    public void rootSquashLeavesOtherUsersAlone() {
        Cred user = new Cred(1000, 100, new int[] {4});
        assertSame(user, export("root").map(user));
    }

    @Test
    public void allSquashMapsEveryoneToAnonymous() {
        assertEquals(new Cred(65534, 65533, new int[0]), export("all").map(new Cred(1000, 100, new int[] {4})));
    }

    @Test
    public void noSquashKeepsRoot() {
        assertEquals(Cred.ROOT, export("none").map(Cred.ROOT));
    }

    @Test
    public void clientRulesAdmitOnlyTheirRanges() throws Exception {
        assertTrue(export("root").admits(InetAddress.getByName("10.9.8.7")));
        assertFalse(export("root").admits(InetAddress.getByName("192.168.0.1")));
    }

    @Test
    public void idsAreStableAndExportsFoundByPathAndAncestor() {
        Exports exports = new Exports(config(Map.of("/mem", new ExportConfig("/mem", true, "root", List.of("127.0.0.1"), 1, 2))));
        Export e = exports.byPath("/mem");
        assertEquals(Exports.idOf("/mem"), e.id());
        assertSame(e, exports.byId(e.id()));
        assertSame(e, exports.covering("/mem/a/b"));
        assertNull(exports.covering("/other"));
        assertNull(exports.byId(e.id() + 1));
        assertTrue(e.rules().startsWith("ro root_squash anon=1:2 127.0.0.1"));
    }

    @Test
    public void newConfigurationReplacesTheTable() {
        MutableConfig config = new MutableConfig(Map.of("/a", new ExportConfig("/a", false, "none", List.of(), 0, 0)));
        Exports exports = new Exports(config);
        int a = exports.byPath("/a").id();
        config.set(Map.of("/b", new ExportConfig("/b", false, "none", List.of(), 0, 0)));
        assertNull(exports.byId(a));
        assertArrayEquals(new String[] {"/b"}, exports.all().stream().map(Export::path).toArray());
    }

    private static ConfigService config(Map<String, ExportConfig> exports) {
        return new MutableConfig(exports);
    }

    private static final class MutableConfig implements ConfigService {
        private ServerConfig current;
        private long generation;

        MutableConfig(Map<String, ExportConfig> exports) {
            set(exports);
        }

        void set(Map<String, ExportConfig> exports) {
            current = new ServerConfig(null, List.of(), Map.of(), exports, Map.of(), Map.of(), List.of(), List.of(), S3Settings.DEFAULTS, null);
            generation++;
        }

        @Override
        public ServerConfig current() {
            return current;
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public Path home() {
            return Path.of(".");
        }

        @Override
        public Path varDirectory() {
            return Path.of("var");
        }
    }
}
