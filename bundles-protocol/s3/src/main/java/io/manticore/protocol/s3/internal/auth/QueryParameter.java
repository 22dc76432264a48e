package io.manticore.protocol.s3.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.PercentCodec;

/** One query parameter: its decoded name and value, and both in SigV4's canonical encoding. */
record QueryParameter(String name, String value, String encodedName, String encodedValue) {

    private static final Comparator<QueryParameter> CANONICAL_ORDER =
            Comparator.comparing(QueryParameter::encodedName).thenComparing(QueryParameter::encodedValue);

    /** The parameters of {@code rawQuery} in order; a parameter without '=' has an empty value. */
    static List<QueryParameter> parse(String rawQuery) throws S3Exception {
        List<QueryParameter> parameters = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            byte[] name = decode(rawName);
            byte[] value = decode(rawValue);
            parameters.add(new QueryParameter(new String(name, StandardCharsets.UTF_8),
                    new String(value, StandardCharsets.UTF_8),
                    PercentCodec.encode(name, false), PercentCodec.encode(value, false)));
        }
        return parameters;
    }

    /** SigV4's canonical query string of {@code parameters}: sorted by encoded name, then encoded value. */
    static String canonical(List<QueryParameter> parameters) {
        List<QueryParameter> sorted = new ArrayList<>(parameters);
        sorted.sort(CANONICAL_ORDER);
        StringBuilder out = new StringBuilder();
        for (QueryParameter parameter : sorted) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(parameter.encodedName).append('=').append(parameter.encodedValue);
        }
        return out.toString();
    }

    private static byte[] decode(String raw) {
        try {
            return PercentCodec.decodeBytes(raw);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "The query string has a malformed percent-escape: " + e.getMessage());
        }
    }
}
