package io.manticore.shell.internal.command;

import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

/**
 * Tells Gogo's console that a {@link Printed} result needs no more text: the command printed
 * its table already, and the console would otherwise list the records again below it.
 */
@Component(immediate = true, service = Converter.class,
        property = Converter.CONVERTER_CLASSES + "=io.manticore.shell.internal.command.Printed")
public final class PrintedResultConverter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        return target instanceof Printed && level == INSPECT ? "" : null;
    }
}
