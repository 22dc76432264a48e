package io.manticore.protocol.s3.internal.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/** A request's query parameters, decoded (RFC 3986: '+' stays '+'); the first value of a repeated name wins. */
public final class QueryParams {

    /** More parameters than any S3 request has; a longer query is refused. */
    static final int MAX_PARAMETERS = 64;

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static QueryParams parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!rawQuery.isEmpty()) {
            String[] pairs = rawQuery.split("&", MAX_PARAMETERS + 2);
            if (pairs.length > MAX_PARAMETERS) {
                throw new S3Exception(S3Error.INVALID_URI, "too many query parameters");
            }
            for (String pair : pairs) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = PercentCodec.decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : PercentCodec.decode(pair.substring(eq + 1));
                values.putIfAbsent(name, value);
            }
        }
        return new QueryParams(values);
    }

    public static QueryParams of(Map<String, String> values) {
        return new QueryParams(new LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value, or null when the parameter is absent. */
    public String get(String name) {
        return values.get(name);
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A whole number between min and max, the fallback when absent; InvalidArgument otherwise. */
    public int getInt(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, name + " must be at least " + min);
            }
            return (int) Math.min(n, max);
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, name + " is not a whole number");
        }
    }

    public Map<String, String> asMap() {
        return values;
    }
}
