package io.manticore.api.config;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard service: told of every configuration applied, the first one included. */
@ConsumerType
public interface ConfigListener {

    void configApplied(ServerConfig config);
}
