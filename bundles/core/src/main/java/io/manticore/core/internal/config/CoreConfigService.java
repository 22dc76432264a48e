package io.manticore.core.internal.config;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.config.ConfigListener;
import io.manticore.api.config.ConfigService;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.runtime.Scheduler;

/**
 * Reads etc/manticore.json under the server's home, checks it every second and applies a
 * changed file to every {@link ConfigListener}. A file that is invalid at start stops the
 * server (through the launcher's fatal-error service); an invalid change is refused with one
 * log line and the configuration in force keeps serving.
 */
@Component(immediate = true, service = ConfigService.class)
public final class CoreConfigService implements ConfigService {

    /** Framework property naming the server's home folder. */
    public static final String HOME_PROPERTY = "manticore.home";
    /** Service property of the launcher's {@code Consumer<String>} that ends the process. */
    public static final String FATAL_FILTER = "(manticore.role=fatal)";

    private static final Logger LOG = LoggerFactory.getLogger(CoreConfigService.class);
    private static final long POLL_MILLIS = 1000;

    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final Scheduler scheduler;
    private final Consumer<String> fatal;
    private final Path home;
    private final ConfigFile file;
    private volatile ServerConfig current;
    private volatile long generation;
    private ScheduledFuture<?> poll;
    /** Applies changes off the timer thread: listeners may block (draining a mount), timers must not. */
    private final ExecutorService applier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "manticore-config");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean checkQueued = new AtomicBoolean();

    @Activate
    public CoreConfigService(BundleContext context,
                             @Reference Scheduler scheduler,
                             @Reference(target = FATAL_FILTER, cardinality = ReferenceCardinality.OPTIONAL)
                             Consumer<String> fatal) {
        this(homeOf(context), scheduler, fatal);
        start();
    }

    /** For tests: a service over {@code home} without OSGi. Call {@link #start()} next. */
    public CoreConfigService(Path home, Scheduler scheduler, Consumer<String> fatal) {
        this.home = home;
        this.scheduler = scheduler;
        this.fatal = fatal;
        this.file = new ConfigFile(home.resolve("etc").resolve("manticore.json"));
    }

    /** Loads the file and starts watching it; throws IllegalStateException when the file is invalid, which fails the component's activation. */
    public synchronized void start() {
        try {
            current = file.load();
        } catch (ConfigException e) {
            String message = "invalid configuration " + file.path() + ": " + e.getMessage();
            LOG.error(message);
            if (fatal != null) {
                fatal.accept(message);
            }
            throw new IllegalStateException(message);
        }
        generation = 1;
        LOG.info("configuration {} loaded: {} mount(s), {} listener(s)", file.path(),
                current.mounts().size(), current.listeners().size());
        for (ConfigListener l : listeners) {
            notify(l, current);
        }
        poll = scheduler.scheduleAtFixedRate(this::queueCheck, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    public synchronized void stop() {
        if (poll != null) {
            poll.cancel(false);
            poll = null;
        }
        applier.shutdownNow();
    }

    private void queueCheck() {
        if (checkQueued.compareAndSet(false, true)) {
            try {
                applier.execute(() -> {
                    checkQueued.set(false);
                    checkForChange();
                });
            } catch (RejectedExecutionException e) {
                checkQueued.set(false);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void addListener(ConfigListener listener) {
        listeners.add(listener);
        if (current != null) {
            notify(listener, current);
        }
    }

    public void removeListener(ConfigListener listener) {
        listeners.remove(listener);
    }

    /** Re-reads the file when it changed; applies it when valid. Public for tests. */
    public synchronized void checkForChange() {
        try {
            if (!file.changed()) {
                return;
            }
            ServerConfig next = file.load();
            current = next;
            generation++;
            LOG.info("configuration {} reloaded (generation {})", file.path(), generation);
            for (ConfigListener l : listeners) {
                notify(l, next);
            }
        } catch (ConfigException e) {
            LOG.error("configuration change refused, generation {} stays in force: {}: {}",
                    generation, file.path(), e.getMessage());
        }
    }

    @Override
    public ServerConfig current() {
        return current;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public Path varDirectory() {
        return home.resolve("var");
    }

    private static void notify(ConfigListener listener, ServerConfig config) {
        try {
            listener.configApplied(config);
        } catch (RuntimeException e) {
            LOG.error("configuration listener {} failed", listener.getClass().getName(), e);
        }
    }

    private static Path homeOf(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home != null ? home : System.getProperty("user.dir")).toAbsolutePath().normalize();
    }
}
