package io.manticore.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.SynchronousBundleListener;
import org.slf4j.Logger;

/** Logs one line per bundle lifecycle event, and framework errors with their cause. */
final class BundleEvents implements SynchronousBundleListener, FrameworkListener {

    private final Logger log = Logging.log();

    @Override
    public void bundleChanged(BundleEvent event) {
        String what = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "installed";
            case BundleEvent.STARTED -> "started";
            case BundleEvent.STOPPED -> "stopped";
            case BundleEvent.UPDATED -> "updated";
            case BundleEvent.UNINSTALLED -> "uninstalled";
            default -> null;
        };
        if (what != null) {
            Bundle b = event.getBundle();
            log.info("bundle {} {} {}", b.getSymbolicName(), b.getVersion(), what);
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR) {
            Bundle b = event.getBundle();
            log.error("framework error in {}", b == null ? "the framework" : b.getSymbolicName(), event.getThrowable());
        }
    }
}
