package io.manticore.protocol.nfscommon.internal.handle;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret that signs wire handles: 32 random bytes generated once and kept in
 * {@code var/nfs/handle.key}, so handles stay valid across restarts.
 */
public final class HandleKey {

    static final int BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(HandleKey.class);

    private HandleKey() {
    }

    /** Reads the key under {@code varDirectory}, creating it the first time. */
    public static byte[] load(Path varDirectory) throws IOException {
        Path file = varDirectory.resolve("nfs").resolve("handle.key");
        if (Files.exists(file)) {
            return read(file);
        }
        Files.createDirectories(file.getParent());
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        Path temp = Files.createTempFile(file.getParent(), "handle", ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, key);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Generated the NFS handle key {}", file);
            return key;
        } catch (FileAlreadyExistsException e) {
            return read(file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key = Files.readAllBytes(file);
        if (key.length != BYTES) {
            throw new IOException(file + " holds " + key.length + " bytes, not a " + BYTES + "-byte key");
        }
        return key;
    }
}
