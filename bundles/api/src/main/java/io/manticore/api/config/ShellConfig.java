package io.manticore.api.config;

/** The SSH shell: whether it listens, and where. */
public record ShellConfig(boolean sshEnabled, String sshAddress, int sshPort) {
}
