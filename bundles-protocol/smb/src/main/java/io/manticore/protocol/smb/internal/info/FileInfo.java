package io.manticore.protocol.smb.internal.info;

import java.nio.charset.StandardCharsets;

import io.manticore.api.vfs.Attrs;
import io.manticore.protocol.smb.internal.session.Open;
import io.netty.buffer.ByteBuf;

/** The file information classes of QUERY_INFO (MS-FSCC 2.4), written from an open and its attributes. */
public final class FileInfo {

    public static final int BASIC = 4;
    public static final int STANDARD = 5;
    public static final int INTERNAL = 6;
    public static final int EA = 7;
    public static final int ACCESS = 8;
    public static final int RENAME = 10;
    public static final int LINK = 11;
    public static final int DISPOSITION = 13;
    public static final int POSITION = 14;
    public static final int FULL_EA = 15;
    public static final int MODE = 16;
    public static final int ALIGNMENT = 17;
    public static final int ALL = 18;
    public static final int ALLOCATION = 19;
    public static final int END_OF_FILE = 20;
    public static final int ALTERNATE_NAME = 21;
    public static final int STREAM = 22;
    public static final int COMPRESSION = 28;
    public static final int NETWORK_OPEN = 34;
    public static final int ATTRIBUTE_TAG = 35;
    public static final int NORMALIZED_NAME = 48;
    public static final int DISPOSITION_EX = 64;

    private static final byte[] DATA_STREAM = "::$DATA".getBytes(StandardCharsets.UTF_16LE);

    private FileInfo() {
    }

    /** True for the classes {@link #write} knows. */
    public static boolean supported(int infoClass) {
        return switch (infoClass) {
            case BASIC, STANDARD, INTERNAL, EA, ACCESS, POSITION, MODE, ALIGNMENT, ALL, STREAM, COMPRESSION,
                 NETWORK_OPEN, ATTRIBUTE_TAG, NORMALIZED_NAME -> true;
            default -> false;
        };
    }

    /** True for classes of variable length, which are truncated with BUFFER_OVERFLOW rather than refused. */
    public static boolean variable(int infoClass) {
        return infoClass == ALL || infoClass == STREAM || infoClass == NORMALIZED_NAME;
    }

    /** Writes {@code infoClass} for {@code open} whose file has {@code attrs}. */
    public static void write(ByteBuf out, int infoClass, Open open, Attrs attrs) {
        switch (infoClass) {
            case BASIC -> basic(out, open, attrs);
            case STANDARD -> standard(out, open, attrs);
            case INTERNAL -> out.writeLongLE(attrs.fileId());
            case EA -> out.writeIntLE(0);
            case ACCESS -> out.writeIntLE(open.access());
            case POSITION -> out.writeLongLE(open.position());
            case MODE -> out.writeIntLE(open.mode());
            case ALIGNMENT -> out.writeIntLE(0);
            case ALL -> all(out, open, attrs);
            case STREAM -> stream(out, attrs);
            case COMPRESSION -> {
                out.writeLongLE(attrs.isDirectory() ? 0 : attrs.size());
                out.writeZero(8);
            }
            case NETWORK_OPEN -> {
                Times.write(out, attrs);
                out.writeLongLE(Times.allocation(attrs));
                out.writeLongLE(attrs.isDirectory() ? 0 : attrs.size());
                out.writeIntLE(FileAttributes.of(attrs, open.name()));
                out.writeIntLE(0);
            }
            case ATTRIBUTE_TAG -> {
                out.writeIntLE(FileAttributes.of(attrs, open.name()));
                out.writeIntLE(0);
            }
            case NORMALIZED_NAME -> name(out, open);
            default -> throw new IllegalArgumentException("file information class " + infoClass);
        }
    }

    private static void basic(ByteBuf out, Open open, Attrs attrs) {
        Times.write(out, attrs);
        out.writeIntLE(FileAttributes.of(attrs, open.name()));
        out.writeIntLE(0);
    }

    private static void standard(ByteBuf out, Open open, Attrs attrs) {
        out.writeLongLE(Times.allocation(attrs));
        out.writeLongLE(attrs.isDirectory() ? 0 : attrs.size());
        out.writeIntLE(attrs.nlink());
        out.writeByte(open.deleteOnClose() ? 1 : 0);
        out.writeByte(attrs.isDirectory() ? 1 : 0);
        out.writeShortLE(0);
    }

    private static void all(ByteBuf out, Open open, Attrs attrs) {
        basic(out, open, attrs);
        standard(out, open, attrs);
        out.writeLongLE(attrs.fileId());
        out.writeIntLE(0);
        out.writeIntLE(open.access());
        out.writeLongLE(open.position());
        out.writeIntLE(open.mode());
        out.writeIntLE(0);
        name(out, open);
    }

    /** FILE_NAME_INFORMATION: the share-relative path with a leading backslash. */
    private static void name(ByteBuf out, Open open) {
        byte[] name = ("\\" + open.path()).getBytes(StandardCharsets.UTF_16LE);
        out.writeIntLE(name.length);
        out.writeBytes(name);
    }

    /** Files have one stream, the unnamed data stream; folders none. */
    private static void stream(ByteBuf out, Attrs attrs) {
        if (attrs.isDirectory()) {
            return;
        }
        out.writeIntLE(0);
        out.writeIntLE(DATA_STREAM.length);
        out.writeLongLE(attrs.size());
        out.writeLongLE(Times.allocation(attrs));
        out.writeBytes(DATA_STREAM);
    }
}
