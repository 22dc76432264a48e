package io.manticore.core.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * A JSON value with its path from the document root, so that every complaint names where it
 * is ({@code $.mounts.mem.module}). Objects check that they hold no key the schema lacks.
 */
final class JsonNode {

    private final JsonElement element;
    private final String path;

    JsonNode(JsonElement element, String path) {
        this.element = element;
        this.path = path;
    }

    String path() {
        return path;
    }

    boolean isMissing() {
        return element == null || element.isJsonNull();
    }

    /** This value as an object; a missing value reads as an empty object. */
    JsonNode object() throws ConfigException {
        if (isMissing()) {
            return new JsonNode(new JsonObject(), path);
        }
        if (!element.isJsonObject()) {
            throw new ConfigException(path, "must be an object");
        }
        return this;
    }

    /** Fails on a key this object holds that is not among {@code known}. */
    JsonNode onlyKeys(Set<String> known) throws ConfigException {
        for (String key : element.getAsJsonObject().keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException(child(key), "unknown key (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return this;
    }

    JsonNode get(String key) {
        JsonObject o = element.getAsJsonObject();
        return new JsonNode(o.get(key), child(key));
    }

    /** The members of an object in file order; a missing value has none. */
    Map<String, JsonNode> members() throws ConfigException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : object().element.getAsJsonObject().entrySet()) {
            out.put(e.getKey(), new JsonNode(e.getValue(), child(e.getKey())));
        }
        return out;
    }

    /** The items of an array; a missing value has none. */
    List<JsonNode> items() throws ConfigException {
        List<JsonNode> out = new ArrayList<>();
        if (isMissing()) {
            return out;
        }
        if (!element.isJsonArray()) {
            throw new ConfigException(path, "must be an array");
        }
        JsonArray a = element.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            out.add(new JsonNode(a.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    String string(String fallback) throws ConfigException {
        if (isMissing()) {
            if (fallback == null) {
                throw new ConfigException(path, "is required");
            }
            return fallback;
        }
        if (!(element instanceof JsonPrimitive p) || !p.isString()) {
            throw new ConfigException(path, "must be a string");
        }
        return p.getAsString();
    }

    String requiredString() throws ConfigException {
        String s = string(null);
        if (s.isBlank()) {
            throw new ConfigException(path, "must not be empty");
        }
        return s;
    }

    /** An optional string: null when missing. */
    String optionalString() throws ConfigException {
        return isMissing() ? null : string(null);
    }

    long integer(long fallback, long min, long max) throws ConfigException {
        if (isMissing()) {
            return fallback;
        }
        if (!(element instanceof JsonPrimitive p) || !p.isNumber()) {
            throw new ConfigException(path, "must be a number");
        }
        java.math.BigDecimal d = p.getAsBigDecimal();
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new ConfigException(path, "must be a whole number");
        }
        // Compared as a decimal, so a huge number cannot wrap into the allowed range.
        if (d.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || d.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw new ConfigException(path, "must be between " + min + " and " + max + " (is " + d.toPlainString() + ")");
        }
        return d.longValueExact();
    }

    int int32(int fallback, int min, int max) throws ConfigException {
        return (int) integer(fallback, min, max);
    }

    boolean bool(boolean fallback) throws ConfigException {
        if (isMissing()) {
            return fallback;
        }
        if (!(element instanceof JsonPrimitive p) || !p.isBoolean()) {
            throw new ConfigException(path, "must be true or false");
        }
        return p.getAsBoolean();
    }

    /** An object of string values (numbers and booleans are taken as their text). */
    Map<String, String> stringMap() throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : members().entrySet()) {
            JsonElement v = e.getValue().element;
            if (!(v instanceof JsonPrimitive p)) {
                throw new ConfigException(e.getValue().path, "must be a string, number or boolean");
            }
            out.put(e.getKey(), p.getAsString());
        }
        return out;
    }

    private String child(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + key : path + "[\"" + key + "\"]";
    }
}
