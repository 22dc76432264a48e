package io.manticore.protocol.nfs4.internal.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.manticore.api.vfs.FileType;
import io.manticore.api.vfs.Wcc;
import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/** NFSv4 XDR types used by many operations: names, times, verifiers, change_info4, nfs_ftype4. */
public final class Nfs4Xdr {

    /** RFC 7530 NFS4_OPAQUE_LIMIT: client and owner ids. */
    public static final int OPAQUE_LIMIT = 1024;
    /** The longest component4 decoded at all; longer ones are BADXDR, shorter ones past {@link #MAX_NAME} NAMETOOLONG. */
    public static final int MAX_COMPONENT = 4096;
    /** The longest name a file may have, as the backends allow (fattr4 maxname). */
    public static final int MAX_NAME = 255;
    /** The longest symlink target (linktext4) accepted: Linux's PATH_MAX. */
    public static final int MAX_LINK = 4096;
    /** RFC 7530 NFS4_VERIFIER_SIZE. */
    public static final int VERIFIER_BYTES = 8;

    private static final long NANOS = 1_000_000_000L;

    private Nfs4Xdr() {
    }

    /** A component4 as it came: checked by {@link #name} when the operation runs. */
    public static byte[] readComponent(XdrDecoder in) {
        return in.readOpaqueBytes(MAX_COMPONENT);
    }

    /**
     * A component4 as a file name (RFC 7530 12.7, RFC 8881 14.5): INVAL when empty or not
     * UTF-8, NAMETOOLONG past {@value #MAX_NAME} bytes, BADNAME for "." and ".." or a name
     * holding '/' or NUL.
     */
    public static String name(byte[] component) {
        if (component.length == 0) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "empty name");
        }
        if (component.length > MAX_NAME) {
            throw new Nfs4Exception(Nfs4Status.NAMETOOLONG, "name of " + component.length + " bytes");
        }
        String name = utf8(component);
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new Nfs4Exception(Nfs4Status.BADNAME, "name " + name + " is not a file name");
        }
        return name;
    }

    /** Strict UTF-8: INVAL for malformed bytes (RFC 7530 12.7). */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "not UTF-8");
        }
    }

    /** nfstime4 from nanoseconds since the epoch. */
    public static void writeTime(XdrEncoder out, long nanos) {
        out.writeHyper(Math.floorDiv(nanos, NANOS));
        out.writeInt((int) Math.floorMod(nanos, NANOS));
    }

    /** nfstime4 to nanoseconds since the epoch; INVAL for nseconds past a second (RFC 7530 3.3.1). */
    public static long readTime(XdrDecoder in) {
        long seconds = in.readHyper();
        long nanos = in.readUnsignedInt();
        if (nanos >= NANOS) {
            throw new Nfs4Exception(Nfs4Status.INVAL, "nfstime4 nseconds " + nanos);
        }
        return Math.multiplyExact(seconds, NANOS) + nanos;
    }

    /** verifier4: 8 bytes, read as a long. */
    public static long readVerifier(XdrDecoder in) {
        return in.readHyper();
    }

    public static void writeVerifier(XdrEncoder out, long verifier) {
        out.writeHyper(verifier);
    }

    /** change_info4 from the attributes of a directory around a change; not atomic when either is unknown. */
    public static void changeInfo(XdrEncoder out, Wcc wcc) {
        boolean known = wcc != null && wcc.before() != null && wcc.after() != null;
        out.writeBool(known);
        out.writeHyper(wcc != null && wcc.before() != null ? wcc.before().change() : 0);
        out.writeHyper(wcc != null && wcc.after() != null ? wcc.after().change() : 0);
    }

    /** nfs_ftype4. */
    public static int ftype(FileType type) {
        return switch (type) {
            case REGULAR -> 1;
            case DIRECTORY -> 2;
            case BLOCK_DEVICE -> 3;
            case CHAR_DEVICE -> 4;
            case SYMLINK -> 5;
            case SOCKET -> 6;
            case FIFO -> 7;
        };
    }
}
