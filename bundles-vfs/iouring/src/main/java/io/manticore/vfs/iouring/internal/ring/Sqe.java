package io.manticore.vfs.iouring.internal.ring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * One submission queue entry being filled (struct io_uring_sqe, 64 bytes): the fields an
 * operation sets, by their offsets in the kernel's layout. A fresh entry is all zeros.
 */
public final class Sqe {

    static final int SIZE = 64;
    private static final long OPCODE = 0;
    private static final long FD = 4;
    private static final long OFF = 8;
    private static final long ADDR = 16;
    private static final long LEN = 24;
    private static final long OP_FLAGS = 28;
    static final long USER_DATA = 32;
    private static final long FILE_INDEX = 44;
    private static final long ADDR3 = 48;

    private final MemorySegment entry;

    Sqe(MemorySegment entry) {
        this.entry = entry;
        entry.fill((byte) 0);
    }

    public Sqe opcode(int opcode) {
        entry.set(JAVA_BYTE, OPCODE, (byte) opcode);
        return this;
    }

    public Sqe fd(int fd) {
        entry.set(JAVA_INT, FD, fd);
        return this;
    }

    /** The file offset (off), or addr2 for the operations that take a second address. */
    public Sqe offset(long offset) {
        entry.set(JAVA_LONG, OFF, offset);
        return this;
    }

    public Sqe address(long address) {
        entry.set(JAVA_LONG, ADDR, address);
        return this;
    }

    public Sqe length(int length) {
        entry.set(JAVA_INT, LEN, length);
        return this;
    }

    /** The operation's own flags (rw_flags, fsync_flags, open_flags, statx_flags, …). */
    public Sqe opFlags(int flags) {
        entry.set(JAVA_INT, OP_FLAGS, flags);
        return this;
    }

    public Sqe fileIndex(int index) {
        entry.set(JAVA_INT, FILE_INDEX, index);
        return this;
    }

    public Sqe address3(long address) {
        entry.set(JAVA_LONG, ADDR3, address);
        return this;
    }

    void userData(long userData) {
        entry.set(JAVA_LONG, USER_DATA, userData);
    }
}
