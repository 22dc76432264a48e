package io.manticore.protocol.nfs4.internal.fh;

import io.manticore.protocol.nfs4.internal.pseudo.PseudoNode;

/** A directory of the pseudo file system. */
public record PseudoFh(PseudoNode node) implements CurrentFh {
}
