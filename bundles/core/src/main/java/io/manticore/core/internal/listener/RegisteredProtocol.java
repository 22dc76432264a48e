package io.manticore.core.internal.listener;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.manticore.api.protocol.ProtocolHandler;

/** A protocol service and the ONC RPC programs it declares, as {@code "program:version"} strings. */
record RegisteredProtocol(ProtocolHandler handler, Set<String> programs) {

    static RegisteredProtocol of(ProtocolHandler handler, Map<String, ?> properties) {
        Object declared = properties.get(ProtocolHandler.RPC_PROGRAMS_PROPERTY);
        Stream<?> values = switch (declared) {
            case null -> Stream.empty();
            case String[] array -> Stream.of(array);
            case Iterable<?> iterable -> StreamSupport.stream(iterable.spliterator(), false);
            default -> Stream.of(declared);
        };
        return new RegisteredProtocol(handler, values.map(String::valueOf).map(String::trim).collect(Collectors.toUnmodifiableSet()));
    }

    boolean serves(int program, int version) {
        return programs.contains(Integer.toUnsignedString(program) + ":" + Integer.toUnsignedString(version));
    }

    boolean servesProgram(int program) {
        String prefix = Integer.toUnsignedString(program) + ":";
        return programs.stream().anyMatch(p -> p.startsWith(prefix));
    }
}
