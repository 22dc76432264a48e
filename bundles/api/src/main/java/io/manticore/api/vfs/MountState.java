package io.manticore.api.vfs;

/**
 * The state of a mount handed from one instance of a module to the next (a bundle update or
 * a swap). {@code payload} must be built only of JDK, Netty and API classes, because the
 * classes of the module that made it may be gone when it is adopted.
 *
 * @param module  the module name that made it
 * @param format  the module's format version of the payload
 * @param payload the state; the adopter takes ownership of any buffers in it
 */
public record MountState(String module, int format, Object payload) {
}
