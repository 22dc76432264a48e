package io.manticore.core.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import io.manticore.api.config.ServerConfig;

/**
 * The configuration file on disk: reads and parses it, and tells whether it changed since
 * the last read (by modification time and size first, then by content).
 */
final class ConfigFile {

    private final Path file;
    private long lastModified = Long.MIN_VALUE;
    private long lastSize = -1;
    private String lastContent;

    ConfigFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Reads and parses the file whatever its state. */
    ServerConfig load() throws ConfigException {
        return ConfigParser.parse(read());
    }

    /** True when the file's content differs from what {@link #load} or this method last read. */
    boolean changed() throws ConfigException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.lastModifiedTime().toMillis() == lastModified && a.size() == lastSize) {
                return false;
            }
        } catch (IOException e) {
            throw new ConfigException("$", "cannot read " + file + ": " + e);
        }
        String before = lastContent;
        return !read().equals(before);
    }

    private String read() throws ConfigException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.size() > 16 * 1024 * 1024) {
                throw new ConfigException("$", file + " is larger than 16 MiB");
            }
            lastModified = a.lastModifiedTime().toMillis();
            lastSize = a.size();
            lastContent = Files.readString(file, StandardCharsets.UTF_8);
            return lastContent;
        } catch (NoSuchFileException e) {
            throw new ConfigException("$", "no configuration file at " + file);
        } catch (IOException e) {
            throw new ConfigException("$", "cannot read " + file + ": " + e);
        }
    }
}
