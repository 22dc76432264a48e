package io.manticore.protocol.nfs4.internal.pseudo;

import java.util.Map;

/** The pseudo file system one client sees: the exports it may use and the directories leading to them. */
public final class PseudoTree {

    private final Map<Long, PseudoNode> byId;
    private final Map<String, PseudoNode> byPath;

    PseudoTree(Map<Long, PseudoNode> byId, Map<String, PseudoNode> byPath) {
        this.byId = Map.copyOf(byId);
        this.byPath = Map.copyOf(byPath);
    }

    public PseudoNode root() {
        return byPath.get("/");
    }

    /** The node {@code id}, or null when this client's tree has none (the exports changed). */
    public PseudoNode node(long id) {
        return byId.get(id);
    }

    /** The child {@code name} of {@code dir}, or null. */
    public PseudoNode child(PseudoNode dir, String name) {
        return byPath.get(dir.childPath(name));
    }

    /** The directory holding {@code node} (the root for the root). */
    public PseudoNode parent(PseudoNode node) {
        return byId.get(node.parentId());
    }

    /** The node where the export of {@code path} is mounted, or null when this client does not see it. */
    public PseudoNode exportNode(String path) {
        PseudoNode node = byPath.get(path);
        return node != null && node.isExport() ? node : null;
    }
}
