package io.manticore.protocol.nfscommon.internal.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ExportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exports of the configuration in force, by id and by path. The table is rebuilt when
 * core applies a new configuration, so export changes apply to the next call.
 */
public final class Exports {

    private static final Logger LOG = LoggerFactory.getLogger(Exports.class);

    private final ConfigService config;
    private volatile Table table = new Table(-1, Map.of(), Map.of());

    public Exports(ConfigService config) {
        this.config = config;
    }

    /** The export whose handles carry {@code id}, or null when it no longer exists. */
    public Export byId(int id) {
        return current().byId.get(id);
    }

    /** The export of {@code path} exactly, or null. */
    public Export byPath(String path) {
        return current().byPath.get(path);
    }

    /**
     * The export a mount request for {@code path} falls under: the export of that path or of its
     * nearest exported ancestor (a client may mount a folder inside an export). Null when none.
     */
    public Export covering(String path) {
        Table t = current();
        for (String p = path; ; p = parent(p)) {
            Export e = t.byPath.get(p);
            if (e != null) {
                return e;
            }
            if (p.equals("/") || p.isEmpty()) {
                return null;
            }
        }
    }

    public Collection<Export> all() {
        return current().byPath.values();
    }

    /** The id of the export of {@code path}: the first 4 bytes of its SHA-256, so it survives restarts. */
    static int idOf(String path) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return (d[0] & 0xff) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | (d[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private Table current() {
        Table t = table;
        long generation = config.generation();
        if (t.generation == generation) {
            return t;
        }
        synchronized (this) {
            if (table.generation != generation) {
                table = build(generation, config.current().exports().values());
            }
            return table;
        }
    }

    private static Table build(long generation, Collection<ExportConfig> configs) {
        Map<Integer, Export> byId = new HashMap<>();
        Map<String, Export> byPath = new LinkedHashMap<>();
        for (ExportConfig c : configs) {
            Export e = Export.of(idOf(c.path()), c);
            Export clash = byId.putIfAbsent(e.id(), e);
            if (clash != null) {
                LOG.error("Export {} is not served: its id collides with export {}; rename one of them",
                        c.path(), clash.path());
                continue;
            }
            byPath.put(e.path(), e);
        }
        return new Table(generation, Map.copyOf(byId), byPath);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private record Table(long generation, Map<Integer, Export> byId, Map<String, Export> byPath) {
    }
}
