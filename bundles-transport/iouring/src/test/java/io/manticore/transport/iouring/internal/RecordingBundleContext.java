package io.manticore.transport.iouring.internal;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A bundle context that can only register services: it records each one and whether it was
 * unregistered. Any other call fails the test, so the component is seen to need nothing more.
 */
final class RecordingBundleContext {

    /** One service registered through the context. */
    record Registration(String type, Object service, Dictionary<String, ?> properties, AtomicBoolean unregistered) {
    }

    final List<Registration> registrations = new CopyOnWriteArrayList<>();

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args[0] instanceof Class<?> type) {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, ?> properties = (Dictionary<String, ?>) args[2];
                        Registration r = new Registration(type.getName(), args[1], properties, new AtomicBoolean());
                        registrations.add(r);
                        return registration(r);
                    }
                    throw new UnsupportedOperationException("BundleContext." + method.getName());
                });
    }

    private ServiceRegistration<?> registration(Registration r) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ServiceRegistration.class }, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        if (r.unregistered().getAndSet(true)) {
                            throw new IllegalStateException("unregistered twice");
                        }
                        return null;
                    }
                    throw new UnsupportedOperationException("ServiceRegistration." + method.getName());
                });
    }
}
