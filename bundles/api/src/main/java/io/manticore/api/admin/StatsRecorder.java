package io.manticore.api.admin;

import org.osgi.annotation.versioning.ProviderType;

/** Where protocols count their operations, so {@code nas:stats} shows them beside the modules'. */
@ProviderType
public interface StatsRecorder {

    /** Counts one completed {@code operation} in {@code scope} ({@code protocol:nfs3}). */
    void record(String scope, String operation, boolean failed, long nanos);
}
