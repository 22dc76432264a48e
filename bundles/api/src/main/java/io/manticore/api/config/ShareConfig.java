package io.manticore.api.config;

/** An SMB share of a namespace path. */
public record ShareConfig(String path, boolean readOnly, String comment) {
}
