package io.manticore.api.vfs;

import java.util.Map;

/**
 * What a backend needs to mount: the mount's name and identity, the backend path (the
 * meaning is the backend's: a host folder, a device, ignored by memfs), and the options
 * from the configuration.
 */
public record MountSpec(String name, MountId mountId, String path, Map<String, String> options) {

    public MountSpec {
        options = Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
