package io.manticore.protocol.nfs4.internal.fh;

/** What a filehandle of this server names: a pseudo file system directory, or a file of an export. */
public sealed interface CurrentFh permits PseudoFh, ExportFh {
}
