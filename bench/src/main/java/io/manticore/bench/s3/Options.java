package io.manticore.bench.s3;

import java.util.HashMap;
import java.util.Map;

/** The command line: a workload name and {@code --name value} pairs. */
final class Options {

    private final String workload;
    private final Map<String, String> values = new HashMap<>();

    private Options(String workload) {
        this.workload = workload;
    }

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("the first argument is the workload");
        }
        Options options = new Options(args[0]);
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at '" + args[i] + "'");
            }
            options.values.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    String workload() {
        return workload;
    }

    String text(String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    int integer(String name, int fallback) {
        return Math.toIntExact(size(name, fallback));
    }

    double seconds(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    /** A byte count with an optional k, m or g suffix (powers of 1024). */
    long size(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        char unit = Character.toLowerCase(value.charAt(value.length() - 1));
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? value : value.substring(0, value.length() - 1)) << shift;
    }
}
