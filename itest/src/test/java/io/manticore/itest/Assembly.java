package io.manticore.itest;

import static org.ops4j.pax.exam.CoreOptions.bootDelegationPackages;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

import io.manticore.launcher.FrameworkProperties;

/**
 * The assembled server as Pax Exam options: every bundle of the distribution's system/
 * folder, the launcher's framework properties, and a fresh home whose deploy/ holds the
 * distribution's modules, so FileInstall installs them as it does in production.
 */
final class Assembly {

    private Assembly() {
    }

    static Path dist() {
        return Path.of(System.getProperty("manticore.dist", "../launcher/target/dist")).toAbsolutePath().normalize();
    }

    /** A new home folder with etc/manticore.json = {@code config} and the default modules in deploy/. */
    static Path newHome(String name, String config) {
        try {
            Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-home-");
            Files.createDirectories(home.resolve("etc"));
            Files.createDirectories(home.resolve("deploy"));
            Files.writeString(home.resolve("etc/manticore.json"), config);
            Files.copy(Path.of("../etc/logback.xml"), home.resolve("etc/logback.xml"));
            try (Stream<Path> jars = Files.list(dist().resolve("deploy"))) {
                for (Path jar : jars.toList()) {
                    Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Option[] server(Path home) {
        List<Option> options = new ArrayList<>();
        options.add(systemPackages(FrameworkProperties.SLF4J_PACKAGES.split(",")));
        // Tests read Netty's leak reports through Logback (LeakLog).
        options.add(systemPackages("ch.qos.logback.classic;version=1.6.6", "ch.qos.logback.classic.spi;version=1.6.6",
                "ch.qos.logback.core;version=1.6.6"));
        options.add(bootDelegationPackages("sun.misc", "sun.nio.ch", "jdk.internal.misc", "jdk.jfr", "jdk.jfr.*"));
        for (Map.Entry<String, String> p : FrameworkProperties.of(home, false).entrySet()) {
            if (!p.getKey().startsWith("org.osgi.framework.")) {
                options.add(frameworkProperty(p.getKey()).value(p.getValue()));
            }
        }
        options.add(frameworkProperty("felix.fileinstall.poll").value("250"));
        for (Path jar : systemBundles()) {
            // Fragments are not started; neither is the console shell, which needs a terminal.
            boolean noStart = isFragment(jar) || jar.getFileName().toString().startsWith("org.apache.felix.gogo.jline");
            options.add(noStart ? bundle(jar.toUri().toString()).noStart() : bundle(jar.toUri().toString()));
        }
        options.add(junitBundles());
        options.add(cleanCaches(true));
        options.add(systemTimeout(60_000));
        return options.toArray(Option[]::new);
    }

    private static List<Path> systemBundles() {
        try (Stream<Path> s = Files.list(dist().resolve("system"))) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no distribution at " + dist() + ": build the launcher module first", e);
        }
    }

    private static boolean isFragment(Path jar) {
        try (InputStream in = Files.newInputStream(jar); JarInputStream j = new JarInputStream(in)) {
            return j.getManifest() != null && j.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
