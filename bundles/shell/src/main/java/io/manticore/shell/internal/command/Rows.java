package io.manticore.shell.internal.command;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** The records a command printed as a table, as an unmodifiable list. */
public final class Rows<T> extends AbstractList<T> implements Printed, RandomAccess {

    private final List<T> records;

    Rows(List<T> records) {
        this.records = List.copyOf(records);
    }

    @Override
    public T get(int index) {
        return records.get(index);
    }

    @Override
    public int size() {
        return records.size();
    }
}
