package io.manticore.itest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A test's scratch folder under target/: made before a test, removed with everything in it after. */
final class Scratch {

    private Scratch() {
    }

    static Path create(String name) throws IOException {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
    }

    /** Removes {@code folder} and its contents; nothing when it is null (the test never made it). */
    static void delete(Path folder) throws IOException {
        if (folder == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
