package io.manticore.shell.internal.command;

/** Turns a missing core service into the one-line message Gogo prints. */
final class CoreServices {

    private CoreServices() {
    }

    static <T> T require(T service) {
        if (service == null) {
            throw new IllegalStateException("core is not running");
        }
        return service;
    }
}
