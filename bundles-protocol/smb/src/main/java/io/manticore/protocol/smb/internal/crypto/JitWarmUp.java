package io.manticore.protocol.smb.internal.crypto;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Runs every signing and encryption algorithm many times over small messages on a background
 * thread, once per JVM. The JDK's AES-GCM and GHASH reach their CPU intrinsics only once the JIT
 * has compiled their callers, and one 8 MiB WRITE is a single call: without this, the first
 * million signed or sealed large messages run interpreted at about 60 MiB/s instead of GiB/s.
 */
public final class JitWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(JitWarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final int ROUNDS = 20_000;
    private static final int MESSAGE = 256;

    private JitWarmUp() {
    }

    /** Starts the warm-up unless it already ran in this JVM; returns at once. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(JitWarmUp::run, "smb-crypto-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        long started = System.nanoTime();
        byte[] key = new byte[16];
        Signer[] signers = {
            Signers.of(0x0311, SigningAlgorithm.AES_GMAC, key),
            Signers.of(0x0311, SigningAlgorithm.AES_CMAC, key),
            Signers.of(0x0311, SigningAlgorithm.HMAC_SHA256, key),
        };
        Transformer[] transformers = {new Transformer(CipherId.AES_128_GCM, key, key), new Transformer(CipherId.AES_128_CCM, key, key)};
        ByteBuf message = Unpooled.buffer(MESSAGE).writeZero(MESSAGE);
        try {
            for (int i = 0; i < ROUNDS; i++) {
                message.setLongLE(24, i);
                for (Signer signer : signers) {
                    signer.sign(message);
                    signer.verify(message);
                }
                for (Transformer transformer : transformers) {
                    transformer.decrypt(transformer.encrypt(message.retainedDuplicate(), i)).release();
                }
            }
            LOG.debug("SMB signing and encryption warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | CryptoException e) {
            LOG.warn("SMB crypto warm-up stopped: {}", e.toString());
        } finally {
            message.release();
        }
    }
}
