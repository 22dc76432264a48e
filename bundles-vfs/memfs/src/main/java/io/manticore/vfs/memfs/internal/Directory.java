package io.manticore.vfs.memfs.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entries of a directory, by name and by the sequence number each got when it was added.
 * A readdir cookie is a sequence number, so listing resumes after it however the directory
 * changed since: later entries appear, removed ones vanish, none repeats.
 */
final class Directory {

    /** 0 starts a listing; NFS clients use 1 and 2 for "." and "..". */
    static final long FIRST_SEQUENCE = 3;

    /** One name and the inode it refers to. */
    record Entry(String name, long ino, long sequence) {
    }

    private final Map<String, Entry> byName = new HashMap<>();
    private final TreeMap<Long, Entry> bySequence = new TreeMap<>();
    private final long verifier;
    private long nextSequence;

    Directory(long verifier) {
        this(verifier, FIRST_SEQUENCE);
    }

    Directory(long verifier, long nextSequence) {
        this.verifier = verifier;
        this.nextSequence = nextSequence;
    }

    long verifier() {
        return verifier;
    }

    long nextSequence() {
        return nextSequence;
    }

    /** The highest cookie this directory has issued. */
    long lastSequence() {
        return nextSequence - 1;
    }

    Entry get(String name) {
        return byName.get(name);
    }

    int size() {
        return byName.size();
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    void add(String name, long ino) {
        put(new Entry(name, ino, nextSequence++));
    }

    /** Points the existing {@code name} at {@code ino}, keeping its place in listings. */
    void replace(String name, long ino) {
        put(new Entry(name, ino, byName.get(name).sequence()));
    }

    /** Restores an entry handed over from a previous instance. */
    void restore(Entry entry) {
        put(entry);
    }

    Entry remove(String name) {
        Entry entry = byName.remove(name);
        if (entry != null) {
            bySequence.remove(entry.sequence());
        }
        return entry;
    }

    /** The entries after {@code cookie}, in sequence order. */
    Collection<Entry> after(long cookie) {
        return bySequence.tailMap(cookie, false).values();
    }

    private void put(Entry entry) {
        byName.put(entry.name(), entry);
        bySequence.put(entry.sequence(), entry);
    }
}
