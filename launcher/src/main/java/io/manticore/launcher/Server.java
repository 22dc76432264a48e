package io.manticore.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The running framework: boots Felix, installs and starts the system bundles, offers the
 * fatal-error service through which core stops a server whose configuration is invalid, and
 * stops everything on request.
 */
final class Server {

    // Longer than core's 10 s drain of a mount, so a stop never cuts a handover short.
    private static final long STOP_WAIT_MILLIS = 15_000;
    private static final String CONSOLE_BUNDLE = "org.apache.felix.gogo.jline";

    private final Path home;
    private final Path dist;
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private volatile Framework framework;

    Server(Path home, Path dist) {
        this.home = home;
        this.dist = dist;
    }

    void start() throws BundleException, IOException {
        Files.createDirectories(home.resolve("var").resolve("log"));
        Files.createDirectories(home.resolve("deploy"));
        boolean interactive = System.console() != null && System.console().isTerminal();
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new BundleException("no OSGi framework on the class path"));
        framework = factory.newFramework(FrameworkProperties.of(home, interactive));
        framework.init();
        BundleContext context = framework.getBundleContext();
        BundleEvents events = new BundleEvents();
        context.addBundleListener(events);
        context.addFrameworkListener(events);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("manticore.role", "fatal");
        context.registerService(Consumer.class, (Consumer<String>) this::fail, props);
        List<Bundle> toStart = new ArrayList<>();
        for (Path jar : systemBundles()) {
            try (InputStream in = Files.newInputStream(jar)) {
                Bundle b = context.installBundle(jar.toUri().toString(), in);
                boolean console = CONSOLE_BUNDLE.equals(b.getSymbolicName());
                // The console shell needs a terminal; without one it only fails its start-up script.
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && (interactive || !console)) {
                    toStart.add(b);
                }
            }
        }
        framework.start();
        for (Bundle b : toStart) {
            b.start();
        }
        Logging.log().info("manticore started: home {}, {} system bundles", home, toStart.size());
    }

    /** Blocks until the framework has stopped; returns the fatal message, if that is why. */
    String awaitStop() {
        try {
            framework.waitForStop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fatal.get();
    }

    void stop() {
        Framework f = framework;
        if (f == null || (f.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
            return;
        }
        try {
            f.stop();
            f.waitForStop(STOP_WAIT_MILLIS);
        } catch (BundleException e) {
            Logging.log().error("stopping the framework failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String message) {
        if (fatal.compareAndSet(null, message)) {
            // Stopping from a bundle's activation thread would deadlock: stop from a thread of our own.
            Thread.ofPlatform().name("manticore-fatal").start(this::stop);
        }
    }

    private List<Path> systemBundles() throws IOException {
        Path dir = dist.resolve("system");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
