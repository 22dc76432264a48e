package io.manticore.itest;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** A bundle of the server's deploy/ folder, updated the way an admin does: a newer jar copied over it. */
final class DeployedBundle {

    private final BundleContext context;
    private final Path deploy;
    private final String jarPrefix;
    private final String symbolicName;

    DeployedBundle(BundleContext context, Path deploy, String jarPrefix, String symbolicName) {
        this.context = context;
        this.deploy = deploy;
        this.jarPrefix = jarPrefix;
        this.symbolicName = symbolicName;
    }

    /** Overwrites the jar atomically with a copy {@code update} × 10 s newer, and waits until the framework updated the bundle. */
    void update(int update) throws Exception {
        Path jar = jar();
        long before = bundle().getLastModified();
        Path copy = jar.resolveSibling(symbolicName + ".tmp");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + update * 10_000L));
        Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Await.until(symbolicName + " update " + update, 30_000, () -> bundle().getLastModified() != before);
    }

    Bundle bundle() {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " installed");
    }

    private Path jar() throws IOException {
        try (Stream<Path> s = Files.list(deploy)) {
            List<Path> jars = s.filter(p -> p.getFileName().toString().startsWith(jarPrefix)).toList();
            assertEquals(jarPrefix + " jars in " + deploy, 1, jars.size());
            return jars.get(0);
        }
    }

    /** A port free now, for a listener that must come back on the same port after an update. */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
