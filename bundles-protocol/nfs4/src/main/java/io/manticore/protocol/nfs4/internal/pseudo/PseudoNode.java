package io.manticore.protocol.nfs4.internal.pseudo;

import java.util.List;

import io.manticore.protocol.nfscommon.internal.export.Export;

/**
 * A directory of the pseudo file system: the root, a directory on the way to an export, or an
 * export's place in the tree ({@code export} not null), where the export's own file system is mounted.
 *
 * @param id       the node's id, which its handle and fileid carry (from its path: stable across restarts)
 * @param path     its namespace path, "/" for the root
 * @param parentId the id of the directory holding it (the root's own id for the root)
 * @param export   the export mounted here, or null
 * @param children the names of the directories below it, sorted
 */
public record PseudoNode(long id, String path, long parentId, Export export, List<String> children) {

    public PseudoNode {
        children = List.copyOf(children);
    }

    public boolean isRoot() {
        return path.equals("/");
    }

    public boolean isExport() {
        return export != null;
    }

    /** The path of the child {@code name}. */
    public String childPath(String name) {
        return isRoot() ? "/" + name : path + "/" + name;
    }
}
