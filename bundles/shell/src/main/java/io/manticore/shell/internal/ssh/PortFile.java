package io.manticore.shell.internal.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code var/ssh/port}: "host port\n" of the running SSH shell, so the local client finds it
 * (also when port 0 was configured). A wildcard address is written as the loopback address.
 */
final class PortFile {

    static final String NAME = "port";

    private PortFile() {
    }

    static void write(Path sshDirectory, String address, int port) throws IOException {
        PrivateFiles.write(sshDirectory.resolve(NAME),
                (connectable(address) + " " + port + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    static void delete(Path sshDirectory) throws IOException {
        Files.deleteIfExists(sshDirectory.resolve(NAME));
    }

    private static String connectable(String address) throws IOException {
        InetAddress resolved = InetAddress.getByName(address);
        if (!resolved.isAnyLocalAddress()) {
            return address;
        }
        return resolved instanceof Inet6Address ? "::1" : "127.0.0.1";
    }
}
