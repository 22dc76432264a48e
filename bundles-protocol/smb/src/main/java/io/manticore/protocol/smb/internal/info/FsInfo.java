package io.manticore.protocol.smb.internal.info;

import java.nio.charset.StandardCharsets;

import io.manticore.api.vfs.FsStat;
import io.netty.buffer.ByteBuf;

/** The filesystem information classes of QUERY_INFO (MS-FSCC 2.5), from the backend's statfs. */
public final class FsInfo {

    public static final int VOLUME = 1;
    public static final int SIZE = 3;
    public static final int DEVICE = 4;
    public static final int ATTRIBUTE = 5;
    public static final int FULL_SIZE = 7;
    public static final int SECTOR_SIZE = 11;

    private static final int BYTES_PER_SECTOR = 512;
    private static final int SECTORS_PER_UNIT = 8;
    private static final long UNIT = BYTES_PER_SECTOR * SECTORS_PER_UNIT;
    private static final int FILE_DEVICE_DISK = 0x07;
    private static final int CASE_SENSITIVE_SEARCH = 0x01;
    private static final int CASE_PRESERVED_NAMES = 0x02;
    private static final int UNICODE_ON_DISK = 0x04;
    private static final int SUPPORTS_SPARSE_FILES = 0x40;
    private static final byte[] FS_NAME = "NTFS".getBytes(StandardCharsets.UTF_16LE);

    private FsInfo() {
    }

    public static boolean supported(int infoClass) {
        return infoClass == VOLUME || infoClass == SIZE || infoClass == DEVICE || infoClass == ATTRIBUTE
                || infoClass == FULL_SIZE || infoClass == SECTOR_SIZE;
    }

    public static boolean variable(int infoClass) {
        return infoClass == VOLUME || infoClass == ATTRIBUTE;
    }

    /**
     * Writes {@code infoClass}; {@code label} names the volume (the share), {@code serial} is its
     * serial number, {@code created} its creation FILETIME.
     */
    public static void write(ByteBuf out, int infoClass, FsStat stat, String label, int serial, long created,
                             boolean caseInsensitive) {
        switch (infoClass) {
            case VOLUME -> {
                byte[] name = label.getBytes(StandardCharsets.UTF_16LE);
                out.writeLongLE(created);
                out.writeIntLE(serial);
                out.writeIntLE(name.length);
                out.writeByte(0);
                out.writeByte(0);
                out.writeBytes(name);
            }
            case SIZE -> {
                out.writeLongLE(stat.totalBytes() / UNIT);
                out.writeLongLE(stat.availableBytes() / UNIT);
                out.writeIntLE(SECTORS_PER_UNIT);
                out.writeIntLE(BYTES_PER_SECTOR);
            }
            case DEVICE -> {
                out.writeIntLE(FILE_DEVICE_DISK);
                out.writeIntLE(0);
            }
            case ATTRIBUTE -> {
                out.writeIntLE(CASE_PRESERVED_NAMES | UNICODE_ON_DISK | SUPPORTS_SPARSE_FILES
                        | (caseInsensitive ? 0 : CASE_SENSITIVE_SEARCH));
                out.writeIntLE(Math.min(255, stat.maxNameLength()));
                out.writeIntLE(FS_NAME.length);
                out.writeBytes(FS_NAME);
            }
            case FULL_SIZE -> {
                out.writeLongLE(stat.totalBytes() / UNIT);
                out.writeLongLE(stat.availableBytes() / UNIT);
                out.writeLongLE(stat.freeBytes() / UNIT);
                out.writeIntLE(SECTORS_PER_UNIT);
                out.writeIntLE(BYTES_PER_SECTOR);
            }
            case SECTOR_SIZE -> {
                out.writeIntLE(BYTES_PER_SECTOR);
                out.writeIntLE(BYTES_PER_SECTOR);
                out.writeIntLE(BYTES_PER_SECTOR);
                out.writeIntLE(BYTES_PER_SECTOR);
                out.writeIntLE(0x3);
                out.writeIntLE(0);
                out.writeIntLE(0);
            }
            default -> throw new IllegalArgumentException("filesystem information class " + infoClass);
        }
    }
}
