package io.manticore.core.internal.config;

/** A configuration that cannot be used: {@code path} is the JSON path of the culprit. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    public ConfigException(String path, String problem) {
        super(path + ": " + problem, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
