package io.manticore.protocol.smb.internal.session;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Wcc;

/**
 * The names of recently searched folders, case-folded, so that a case-insensitive lookup of a
 * name the folder lacks need not scan it each time (a Windows client creating files asks for each
 * one first). An index holds for the folder's change counter it was made at: any change by
 * another protocol or server moves the counter and the index is made again; this server's own
 * creations move it along when their before-attributes show nothing else changed in between.
 * Bounded in folders and in names per folder; larger folders are scanned every time.
 */
public final class FoldedNames {

    public static final int MAX_FOLDERS = 256;
    public static final int MAX_NAMES = 100_000;

    private final Map<FileHandle, Index> folders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FileHandle, Index> eldest) {
            return size() > MAX_FOLDERS;
        }
    };

    /** The folder's name equal to {@code name} ignoring case, "" when it has none, or null when no index holds at {@code change}. */
    public synchronized String find(FileHandle dir, long change, String name) {
        Index index = folders.get(dir);
        if (index == null || index.change != change) {
            return null;
        }
        return index.names.getOrDefault(fold(name), "");
    }

    /** Keeps the names a complete scan of {@code dir} found, made at {@code change} or later. */
    public synchronized void scanned(FileHandle dir, long change, Map<String, String> names) {
        if (names.size() <= MAX_NAMES) {
            folders.put(dir, new Index(change, names));
        }
    }

    /** Records that this server added {@code name} to {@code dir}, with the folder's attributes around it. */
    public synchronized void added(FileHandle dir, Wcc wcc, String name) {
        Index index = folders.get(dir);
        if (index == null) {
            return;
        }
        if (wcc == null || wcc.before() == null || wcc.after() == null || wcc.before().change() != index.change
                || index.names.size() >= MAX_NAMES) {
            folders.remove(dir);
            return;
        }
        index.names.putIfAbsent(fold(name), name);
        index.change = wcc.after().change();
    }

    /** A new map for {@link #scanned}: folded name to the name as the folder holds it (the first, in folder order). */
    public static Map<String, String> newScan() {
        return new HashMap<>();
    }

    /** The name with each character folded as {@link String#equalsIgnoreCase} compares them. */
    public static String fold(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            out.append(Character.toLowerCase(Character.toUpperCase(name.charAt(i))));
        }
        return out.toString();
    }

    private static final class Index {

        private long change;
        private final Map<String, String> names;

        Index(long change, Map<String, String> names) {
            this.change = change;
            this.names = names;
        }
    }
}
