package io.manticore.api.config;

import java.util.Map;

/** A mount: the module serving it, the backend path, and module options. */
public record MountConfig(String module, String path, Map<String, String> options) {

    public MountConfig {
        options = Map.copyOf(options);
    }
}
