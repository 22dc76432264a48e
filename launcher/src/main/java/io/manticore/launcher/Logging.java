package io.manticore.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at {@code <home>/etc/logback.xml} before anything logs. The file may use
 * {@code ${manticore.home}}; logs roll under {@code <home>/var/log}.
 */
final class Logging {

    private Logging() {
    }

    static void configure(Path home) {
        System.setProperty("manticore.home", home.toString());
        Path config = home.resolve("etc").resolve("logback.xml");
        if (Files.isRegularFile(config)) {
            System.setProperty("logback.configurationFile", config.toString());
        }
    }

    static Logger log() {
        return LoggerFactory.getLogger("io.manticore.launcher");
    }
}
