package io.manticore.vfs.memfs.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.MountId;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.netty.buffer.ByteBuf;

/**
 * The state of a mount as a handover payload, built only of JDK types and Netty buffers
 * (MountState: the classes of the instance that wrote it may be gone when it is read).
 * Format 1: a map with the inode counter and a list of inodes, each a map of its fields, every
 * block a full one. Format 2, written now, is format 1 in which a file's first block may be short
 * ({@link Blocks#capacity}); both are read, and a first block adopted full is fitted to its file.
 */
final class HandoverCodec {

    static final String MODULE = "memfs";
    static final int FORMAT = 2;
    private static final int OLDEST_FORMAT = 1;

    private static final String NEXT_INODE = "nextInode";
    private static final String INODES = "inodes";
    private static final String INO = "ino";
    private static final String GENERATION = "generation";
    private static final String TYPE = "type";
    private static final String MODE = "mode";
    private static final String NLINK = "nlink";
    private static final String UID = "uid";
    private static final String GID = "gid";
    private static final String RDEV = "rdev";
    private static final String ATIME = "atime";
    private static final String MTIME = "mtime";
    private static final String CTIME = "ctime";
    private static final String BIRTHTIME = "birthtime";
    private static final String CHANGE = "change";
    private static final String CREATE_VERIFIER = "createVerifier";
    private static final String XATTRS = "xattrs";
    private static final String TARGET = "target";
    private static final String AWAITING_LINK = "awaitingLink";
    private static final String OPEN = "open";
    private static final String SIZE = "size";
    private static final String BLOCK_INDEXES = "blockIndexes";
    private static final String BLOCKS = "blocks";
    private static final String PARENT = "parent";
    private static final String DIRECTORY_VERIFIER = "directoryVerifier";
    private static final String NEXT_SEQUENCE = "nextSequence";
    private static final String ENTRY_NAMES = "entryNames";
    private static final String ENTRY_INODES = "entryInodes";
    private static final String ENTRY_SEQUENCES = "entrySequences";

    private HandoverCodec() {
    }

    /** The payload of {@code fs}; the block buffers move into it (with their ownership), leaving {@code fs} without any. */
    static Map<String, Object> encode(Filesystem fs) {
        List<Map<String, Object>> inodes = new ArrayList<>((int) fs.inodes.count());
        for (Inode inode : fs.inodes.all()) {
            inodes.add(encode(inode));
        }
        Map<String, Object> payload = new HashMap<>();
        payload.put(NEXT_INODE, fs.inodes.nextIno());
        payload.put(INODES, inodes);
        return payload;
    }

    private static Map<String, Object> encode(Inode inode) {
        Map<String, Object> m = new HashMap<>();
        m.put(INO, inode.ino);
        m.put(GENERATION, inode.generation);
        m.put(TYPE, inode.type.name());
        m.put(MODE, inode.mode);
        m.put(NLINK, inode.nlink);
        m.put(UID, inode.uid);
        m.put(GID, inode.gid);
        m.put(RDEV, inode.rdev);
        m.put(ATIME, inode.atime);
        m.put(MTIME, inode.mtime);
        m.put(CTIME, inode.ctime);
        m.put(BIRTHTIME, inode.birthtime);
        m.put(CHANGE, inode.change);
        m.put(AWAITING_LINK, inode.awaitingLink);
        m.put(OPEN, inode.openCount > 0 || inode.openBeforeHandover);
        if (inode.createVerifier != null) {
            m.put(CREATE_VERIFIER, inode.createVerifier);
        }
        if (inode.xattrs != null) {
            m.put(XATTRS, new HashMap<>(inode.xattrs.asMap()));
        }
        if (inode.target != null) {
            m.put(TARGET, inode.target);
        }
        if (inode.data != null) {
            Map<Long, ByteBuf> handed = inode.data.handOver();
            long[] indexes = new long[handed.size()];
            List<ByteBuf> blocks = new ArrayList<>(indexes.length);
            int i = 0;
            for (Map.Entry<Long, ByteBuf> block : handed.entrySet()) {
                indexes[i++] = block.getKey();
                blocks.add(block.getValue());
            }
            m.put(SIZE, inode.data.size());
            m.put(BLOCK_INDEXES, indexes);
            m.put(BLOCKS, blocks);
        }
        if (inode.directory != null) {
            List<String> names = new ArrayList<>(inode.directory.size());
            long[] inos = new long[inode.directory.size()];
            long[] sequences = new long[inode.directory.size()];
            int i = 0;
            for (Directory.Entry entry : inode.directory.after(0)) {
                names.add(entry.name());
                inos[i] = entry.ino();
                sequences[i++] = entry.sequence();
            }
            m.put(PARENT, inode.parent);
            m.put(DIRECTORY_VERIFIER, inode.directory.verifier());
            m.put(NEXT_SEQUENCE, inode.directory.nextSequence());
            m.put(ENTRY_NAMES, names);
            m.put(ENTRY_INODES, inos);
            m.put(ENTRY_SEQUENCES, sequences);
        }
        return m;
    }

    /** True when this codec reads payloads of {@code format}. */
    static boolean reads(int format) {
        return format >= OLDEST_FORMAT && format <= FORMAT;
    }

    /**
     * A file system rebuilt from {@code payload}, taking ownership of its buffers. On a
     * malformed payload it fails BADTYPE, having released nothing: the buffers stay the caller's.
     */
    static Filesystem decode(Object payload, MountId mountId, MemfsOptions options, NanoClock clock) {
        try {
            Map<?, ?> map = as(payload, Map.class, "payload");
            SpaceAccount space = new SpaceAccount(options.capacityBytes());
            InodeTable inodes = new InodeTable(options.maxFiles(), field(map, NEXT_INODE, Long.class));
            for (Object item : field(map, INODES, List.class)) {
                inodes.add(decodeInode(as(item, Map.class, INODES), space));
            }
            validate(inodes);
            // only once the whole payload is accepted: fitting replaces (and releases) a first block
            for (Inode inode : inodes.all()) {
                if (inode.data != null) {
                    inode.data.fitFirstBlock();
                }
            }
            return new Filesystem(mountId, inodes, space, clock);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new VfsException(VfsError.BADTYPE, "memfs handover state is malformed: " + e.getMessage());
        }
    }

    private static Inode decodeInode(Map<?, ?> m, SpaceAccount space) {
        FileType type = FileType.valueOf(field(m, TYPE, String.class));
        BlockMap data = null;
        Directory directory = null;
        if (type == FileType.REGULAR) {
            long[] indexes = field(m, BLOCK_INDEXES, long[].class);
            List<?> buffers = field(m, BLOCKS, List.class);
            if (indexes.length != buffers.size()) {
                throw new IllegalArgumentException(indexes.length + " block indexes for " + buffers.size() + " blocks");
            }
            long size = field(m, SIZE, Long.class);
            TreeMap<Long, ByteBuf> blocks = new TreeMap<>();
            for (int i = 0; i < indexes.length; i++) {
                ByteBuf block = as(buffers.get(i), ByteBuf.class, BLOCKS);
                int capacity = block.capacity();
                if (block.refCnt() < 1 || (capacity != Blocks.SIZE && capacity != Blocks.capacity(indexes[i], size))) {
                    throw new IllegalArgumentException("a block of " + capacity + " bytes at index " + indexes[i]
                            + " of a file of " + size + " bytes");
                }
                blocks.put(indexes[i], block);
            }
            data = new BlockMap(space, blocks, size);
        } else if (type == FileType.DIRECTORY) {
            directory = new Directory(field(m, DIRECTORY_VERIFIER, Long.class), field(m, NEXT_SEQUENCE, Long.class));
            List<?> names = field(m, ENTRY_NAMES, List.class);
            long[] inos = field(m, ENTRY_INODES, long[].class);
            long[] sequences = field(m, ENTRY_SEQUENCES, long[].class);
            if (names.size() != inos.length || names.size() != sequences.length) {
                throw new IllegalArgumentException("directory entry lists of different lengths");
            }
            for (int i = 0; i < inos.length; i++) {
                directory.restore(new Directory.Entry(as(names.get(i), String.class, ENTRY_NAMES), inos[i], sequences[i]));
            }
        }
        Inode inode = new Inode(field(m, INO, Long.class), field(m, GENERATION, Integer.class), type, data, directory);
        inode.mode = field(m, MODE, Integer.class);
        inode.nlink = field(m, NLINK, Integer.class);
        inode.uid = field(m, UID, Integer.class);
        inode.gid = field(m, GID, Integer.class);
        inode.rdev = field(m, RDEV, Long.class);
        inode.atime = field(m, ATIME, Long.class);
        inode.mtime = field(m, MTIME, Long.class);
        inode.ctime = field(m, CTIME, Long.class);
        inode.birthtime = field(m, BIRTHTIME, Long.class);
        inode.change = field(m, CHANGE, Long.class);
        inode.awaitingLink = field(m, AWAITING_LINK, Boolean.class);
        inode.openBeforeHandover = field(m, OPEN, Boolean.class);
        inode.createVerifier = optional(m, CREATE_VERIFIER, Long.class);
        inode.target = optional(m, TARGET, String.class);
        if (directory != null) {
            inode.parent = field(m, PARENT, Long.class);
        }
        Map<?, ?> xattrs = optional(m, XATTRS, Map.class);
        if (xattrs != null) {
            inode.xattrs = new Xattrs();
            for (Map.Entry<?, ?> xattr : xattrs.entrySet()) {
                inode.xattrs.restore(as(xattr.getKey(), String.class, XATTRS), as(xattr.getValue(), byte[].class, XATTRS));
            }
        }
        if (type == FileType.SYMLINK && inode.target == null) {
            throw new IllegalArgumentException("symlink " + inode.ino + " without a target");
        }
        return inode;
    }

    // Every name must lead to a live inode, and every directory's ".." too, before any handle is served.
    private static void validate(InodeTable inodes) {
        if (!inodes.contains(InodeTable.ROOT) || !inodes.get(InodeTable.ROOT).isDirectory()) {
            throw new IllegalArgumentException("no root directory");
        }
        for (Inode inode : inodes.all()) {
            if (inode.ino >= inodes.nextIno()) {
                throw new IllegalArgumentException("inode " + inode.ino + " is past the counter " + inodes.nextIno());
            }
            if (inode.directory == null) {
                continue;
            }
            if (!inodes.contains(inode.parent)) {
                throw new IllegalArgumentException("directory " + inode.ino + " has no parent " + inode.parent);
            }
            for (Directory.Entry entry : inode.directory.after(0)) {
                if (!inodes.contains(entry.ino()) || entry.sequence() >= inode.directory.nextSequence()) {
                    throw new IllegalArgumentException("entry " + entry.name() + " of directory " + inode.ino
                            + " is inconsistent");
                }
            }
        }
    }

    private static <T> T field(Map<?, ?> map, String key, Class<T> type) {
        T value = optional(map, key, type);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private static <T> T optional(Map<?, ?> map, String key, Class<T> type) {
        Object value = map.get(key);
        return value == null ? null : as(value, type, key);
    }

    private static <T> T as(Object value, Class<T> type, String what) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(what + " is a " + (value == null ? "null" : value.getClass().getName())
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }
}
