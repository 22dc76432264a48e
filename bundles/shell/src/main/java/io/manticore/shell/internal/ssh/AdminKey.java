package io.manticore.shell.internal.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Iterator;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The local administrator's key pair, which lets {@code ./manticore shell} on this machine
 * log in as {@value #USER} without a password: {@code var/ssh/admin_key} holds the private key
 * (OpenSSH format, unencrypted, rw-------; {@code ssh -i} reads it too) and
 * {@code admin_key.pub} the public key.
 */
final class AdminKey {

    static final String USER = "admin";
    static final String PRIVATE_FILE = "admin_key";
    static final String PUBLIC_FILE = "admin_key.pub";

    private static final String COMMENT = "manticore-admin";

    private AdminKey() {
    }

    /** Reads the key pair in {@code sshDirectory}, generating it (EC P-256) when absent. */
    static KeyPair loadOrCreate(Path sshDirectory) throws IOException, GeneralSecurityException {
        Path privateFile = sshDirectory.resolve(PRIVATE_FILE);
        if (Files.exists(privateFile)) {
            return read(privateFile);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ByteArrayOutputStream privateText = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, COMMENT, null, privateText);
        ByteArrayOutputStream publicText = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), COMMENT, publicText);
        PrivateFiles.write(sshDirectory.resolve(PUBLIC_FILE), publicText.toByteArray());
        PrivateFiles.write(privateFile, privateText.toByteArray());
        return pair;
    }

    /** Reads the first key pair of an OpenSSH private key file. */
    static KeyPair read(Path privateFile) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(privateFile)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(privateFile.toString()), in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new GeneralSecurityException("no key pair in " + privateFile);
            }
            return it.next();
        }
    }
}
