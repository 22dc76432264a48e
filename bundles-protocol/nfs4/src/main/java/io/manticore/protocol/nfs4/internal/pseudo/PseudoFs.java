package io.manticore.protocol.nfs4.internal.pseudo;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileType;
import io.manticore.protocol.nfscommon.internal.export.Export;
import io.manticore.protocol.nfscommon.internal.export.Exports;

/**
 * The NFSv4 pseudo file system (RFC 7530 7.3, RFC 8881 7.3): a read-only tree of directories
 * whose leaves are the exports a client may use, as Linux's nfsd and ganesha present theirs.
 * Each client's tree is built from the export table in force, so export changes show at once.
 */
public final class PseudoFs {

    /** fsid4 of the pseudo file system: no mount has it, since a mount's comes from its id. */
    public static final long FSID_MAJOR = 0;
    public static final long FSID_MINOR = 0;
    private static final int DIRECTORY_SIZE = 4096;

    private final Exports exports;
    private final long bootNanos;

    /** {@code bootNanos}: the server's start, the times every pseudo directory shows. */
    public PseudoFs(Exports exports, long bootNanos) {
        this.exports = exports;
        this.bootNanos = bootNanos;
    }

    /** The tree {@code peer} sees: the exports that admit it. An export of "/" is not placed in it. */
    public PseudoTree treeFor(InetAddress peer) {
        Map<String, Export> placed = new TreeMap<>();
        for (Export e : exports.all()) {
            if (e.admits(peer) && !e.path().equals("/")) {
                placed.put(e.path(), e);
            }
        }
        Map<String, TreeSet<String>> children = new HashMap<>();
        children.put("/", new TreeSet<>());
        for (String path : placed.keySet()) {
            String child = path;
            for (String parent = parentOf(path); ; child = parent, parent = parentOf(parent)) {
                children.computeIfAbsent(child, p -> new TreeSet<>());
                children.computeIfAbsent(parent, p -> new TreeSet<>()).add(nameOf(child));
                if (parent.equals("/")) {
                    break;
                }
            }
        }
        Map<Long, PseudoNode> byId = new HashMap<>();
        Map<String, PseudoNode> byPath = new HashMap<>();
        for (Map.Entry<String, TreeSet<String>> e : children.entrySet()) {
            String path = e.getKey();
            // An export's own directories are its file system's, not the pseudo file system's.
            List<String> below = placed.containsKey(path) ? List.of() : new ArrayList<>(e.getValue());
            PseudoNode node = new PseudoNode(idOf(path), path, idOf(parentOf(path)), placed.get(path), below);
            byId.put(node.id(), node);
            byPath.put(path, node);
        }
        return new PseudoTree(byId, byPath);
    }

    /**
     * The attributes of a pseudo directory: read-only for all, owned by root, its change counter
     * the hash of what it lists so that a client sees a new export appear.
     */
    public Attrs attrs(PseudoNode node) {
        long change = node.children().hashCode() & 0xffffffffL;
        return new Attrs(FileType.DIRECTORY, 0555, 2 + node.children().size(), 0, 0, DIRECTORY_SIZE, DIRECTORY_SIZE, 0,
                node.id(), bootNanos, bootNanos, bootNanos, bootNanos, change);
    }

    /** The id of the pseudo directory at {@code path} (an export's place: its mounted_on_fileid): 63 bits of its SHA-256, never 0. */
    public static long idOf(String path) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("nfs4-pseudo:" + path).getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = id << 8 | (d[i] & 0xff);
            }
            id &= Long.MAX_VALUE;
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
