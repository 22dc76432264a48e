package io.manticore.api.config;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** The configuration in force. Core reloads it when the file changes. */
@ProviderType
public interface ConfigService {

    /** The configuration in force now. */
    ServerConfig current();

    /** How many configurations have been applied since start (1 after the first). */
    long generation();

    /** The server's home folder (holding etc/, deploy/ and var/). */
    Path home();

    /** Where state that outlives a restart is kept ({@code var/} under the home). */
    Path varDirectory();
}
