package io.manticore.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The Felix properties Manticore runs with. */
public final class FrameworkProperties {

    /** SLF4J lives on the class path (STACK.md pitfall 2); bundles import it from the system bundle. */
    public static final String SLF4J_PACKAGES = "org.slf4j;version=2.0.19,org.slf4j.event;version=2.0.19,"
            + "org.slf4j.helpers;version=2.0.19,org.slf4j.spi;version=2.0.19";

    private FrameworkProperties() {
    }

    public static Map<String, String> of(Path home, boolean interactive) {
        Map<String, String> p = new HashMap<>();
        p.put("org.osgi.framework.storage", home.resolve("var").resolve("felix-cache").toString());
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        p.put("org.osgi.framework.system.packages.extra", SLF4J_PACKAGES);
        // Netty looks for these JDK internals; JFR stays off (STACK.md pitfall 4).
        p.put("org.osgi.framework.bootdelegation", "sun.misc,sun.nio.ch,jdk.internal.misc,jdk.jfr,jdk.jfr.*");
        p.put("manticore.home", home.toString());
        p.put("felix.fileinstall.dir", home.resolve("deploy").toString());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.bundles.startTransient", "false");
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.tmpdir", home.resolve("var").resolve("tmp").toString());
        p.put("felix.fileinstall.log.level", "2");
        p.put("gosh.args", interactive ? "--noshutdown" : "--nointeractive --noshutdown");
        p.put("gosh.home", home.toString());
        return p;
    }
}
