package io.manticore.protocol.nfs4.internal.op;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Wcc;
import io.manticore.protocol.nfs4.internal.compound.Compound;
import io.manticore.protocol.nfs4.internal.fh.ExportFh;
import io.manticore.protocol.nfs4.internal.xdr.Nfs4Xdr;

/**
 * What the RFC 8276 operations share: NFSv4 names user extended attributes without their
 * namespace, which the VFS names in full ("user." + name), and their changes report the file's
 * change attribute around them.
 */
final class Xattrs {

    static final String USER = "user.";
    /** Linux's XATTR_SIZE_MAX: a larger value is XATTR2BIG. */
    static final int MAX_VALUE = 64 * 1024;

    private Xattrs() {
    }

    /** The VFS name of the xattr key {@code component}. */
    static String vfsName(byte[] component) {
        return USER + Nfs4Xdr.name(component);
    }

    /** Runs {@code change} on {@code file} and returns the file's attributes around it, for change_info4. */
    static CompletionStage<Wcc> around(Compound c, ExportFh file, Supplier<CompletionStage<Void>> change) {
        Cred cred = c.cred(file);
        return c.vfs().getattr(cred, file.fh(), AttrMask.ALL).thenCompose(before -> change.get()
                .thenCompose(done -> c.vfs().getattr(cred, file.fh(), AttrMask.ALL))
                .thenApply(after -> new Wcc(before, after)));
    }
}
