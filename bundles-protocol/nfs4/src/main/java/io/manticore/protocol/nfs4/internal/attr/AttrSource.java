package io.manticore.protocol.nfs4.internal.attr;

import java.util.Set;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FsStat;

/**
 * Everything fattr4 values are made of for one object.
 *
 * @param attrs           the object's attributes
 * @param fs              its file system's figures, or null when none of the requested attributes needs them
 * @param handle          its wire filehandle
 * @param fsidMajor       fsid4 major of its file system
 * @param fsidMinor       fsid4 minor of its file system
 * @param mountedOnFileId the fileid of the directory it is mounted on (an export's root), else its own
 * @param capabilities    what its backend can do (hard links, symlinks, xattrs)
 * @param minorVersion    the COMPOUND's minor version, which decides supported_attrs
 * @param leaseSeconds    the server's lease time
 * @param rdattrError     the nfsstat4 rdattr_error reports (READDIR)
 */
public record AttrSource(Attrs attrs, FsStat fs, byte[] handle, long fsidMajor, long fsidMinor, long mountedOnFileId,
                         Set<Capability> capabilities, int minorVersion, int leaseSeconds, int rdattrError) {

    public AttrSource {
        capabilities = Set.copyOf(capabilities);
    }
}
