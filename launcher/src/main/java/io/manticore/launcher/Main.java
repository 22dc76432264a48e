package io.manticore.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleException;

/**
 * Starts Manticore: Felix with the bundles of the distribution's {@code system/} folder,
 * FileInstall watching {@code <home>/deploy}, configuration from {@code <home>/etc}, state
 * under {@code <home>/var}. Serves until SIGTERM or Ctrl-C, then stops the framework.
 *
 * <p>Usage: {@code Main [--home <dir>]} (default: the working directory). Exit status 0 after a
 * clean stop, 2 when the configuration is invalid at start, 1 when the framework fails.
 */
public final class Main {

    static final int EXIT_CONFIG = 2;
    static final int EXIT_FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        Path home;
        try {
            home = homeFrom(args);
        } catch (IllegalArgumentException e) {
            System.err.println("manticore: " + e.getMessage());
            System.exit(EXIT_FAILURE);
            return;
        }
        System.exit(run(home, distribution()));
    }

    /** Netty's leak detection costs about a fifth of the small-call throughput; the tests run it at PARANOID instead. */
    static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    static int run(Path home, Path dist) {
        if (System.getProperty(LEAK_DETECTION) == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
        Logging.configure(home);
        Server server = new Server(home, dist);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "manticore-shutdown"));
        try {
            server.start();
        } catch (BundleException | IOException e) {
            Logging.log().error("manticore failed to start", e);
            server.stop();
            return EXIT_FAILURE;
        }
        String fatal = server.awaitStop();
        if (fatal != null) {
            System.err.println("manticore: " + fatal);
            return EXIT_CONFIG;
        }
        return 0;
    }

    private static Path homeFrom(String[] args) {
        Path home = Path.of("").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home") && i + 1 < args.length) {
                home = Path.of(args[++i]).toAbsolutePath().normalize();
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + " (usage: Main [--home <dir>])");
            }
        }
        if (!Files.isDirectory(home)) {
            throw new IllegalArgumentException("no home folder at " + home);
        }
        return home;
    }

    /** The distribution folder: the parent of lib/, where this jar lies. */
    static Path distribution() {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the distribution", e);
        }
    }
}
