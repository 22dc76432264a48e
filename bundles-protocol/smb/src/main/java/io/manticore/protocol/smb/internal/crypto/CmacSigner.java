package io.manticore.protocol.smb.internal.crypto;

import java.nio.ByteBuffer;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

import io.netty.buffer.ByteBuf;

/** SMB 3.x signing with AES-128-CMAC (RFC 4493; MS-SMB2 3.1.4.1). The JDK has no CMAC: Bouncy Castle's. */
final class CmacSigner extends MessageSigner {

    private static final int CHUNK = 8192;

    private final byte[] key;

    CmacSigner(byte[] signingKey) {
        this.key = signingKey.clone();
    }

    @Override
    byte[] mac(ByteBuf message) {
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(key));
        byte[] chunk = new byte[CHUNK];
        feed(message, part -> update(cmac, part, chunk));
        byte[] out = new byte[cmac.getMacSize()];
        cmac.doFinal(out, 0);
        return out;
    }

    private static void update(CMac cmac, ByteBuffer part, byte[] chunk) {
        if (part.hasArray()) {
            cmac.update(part.array(), part.arrayOffset() + part.position(), part.remaining());
            return;
        }
        while (part.hasRemaining()) {
            int n = Math.min(chunk.length, part.remaining());
            part.get(chunk, 0, n);
            cmac.update(chunk, 0, n);
        }
    }
}
