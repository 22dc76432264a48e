package io.manticore.protocol.s3.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

public class QueryParamsTest {

    @Test
    public void emptyQueryHasNothing() {
        QueryParams q = QueryParams.parse("");
        assertEquals(Map.of(), q.asMap());
        assertFalse(q.has("acl"));
    }

    @Test
    public void namesWithoutValuesAreEmpty() {
        QueryParams q = QueryParams.parse("acl&versions=");
        assertTrue(q.has("acl"));
        assertEquals("", q.get("acl"));
        assertEquals("", q.get("versions"));
    }

    @Test
    public void valuesAreDecodedAndPlusKept() {
        QueryParams q = QueryParams.parse("prefix=a%2Fb+c&delimiter=%2F&start-after=x%3Dy");
        assertEquals("a/b+c", q.get("prefix"));
        assertEquals("/", q.get("delimiter"));
        assertEquals("x=y", q.get("start-after"));
        assertEquals(List.of("prefix", "delimiter", "start-after"), List.copyOf(q.asMap().keySet()));
    }

    @Test
    public void firstOfARepeatedNameWins() {
        assertEquals("1", QueryParams.parse("max-keys=1&max-keys=2").get("max-keys"));
    }

    @Test
    public void emptyPairsAreSkipped() {
        assertEquals(Map.of("a", "1", "b", "2"), QueryParams.parse("&a=1&&b=2&").asMap());
    }

    @Test
    public void sixtyFourParametersAreAccepted() {
        assertEquals(64, QueryParams.parse(params(64)).asMap().size());
    }

    @Test
    public void sixtyFiveParametersAreInvalidUri() {
        try {
            QueryParams.parse(params(65));
            fail("accepted 65 parameters");
        } catch (S3Exception e) {
            assertEquals(S3Error.INVALID_URI, e.error());
        }
    }

    @Test
    public void fallbackForAMissingParameter() {
        QueryParams q = QueryParams.parse("a=1");
        assertNull(q.get("b"));
        assertEquals("z", q.get("b", "z"));
        assertEquals(1000, q.getInt("max-keys", 1000, 0, 1000));
    }

    @Test
    public void getIntClipsToTheMaximum() {
        assertEquals(1000, QueryParams.parse("max-keys=5000").getInt("max-keys", 1000, 0, 1000));
        assertEquals(0, QueryParams.parse("max-keys=0").getInt("max-keys", 1000, 0, 1000));
        assertEquals(1000, QueryParams.parse("max-keys=99999999999").getInt("max-keys", 1000, 0, 1000));
    }

    @Test
    public void getIntRefusesBelowTheMinimumAndGarbage() {
        assertIntRefused("max-keys=-1");
        assertIntRefused("max-keys=ten");
        assertIntRefused("max-keys=");
        assertIntRefused("max-keys=99999999999999999999");
    }

    @Test
    public void brokenEscapeIsInvalidUri() {
        try {
            QueryParams.parse("prefix=%zz");
            fail("accepted a broken escape");
        } catch (S3Exception e) {
            assertEquals(S3Error.INVALID_URI, e.error());
        }
    }

    private static void assertIntRefused(String query) {
        try {
            int n = QueryParams.parse(query).getInt("max-keys", 1000, 0, 1000);
            fail(query + " gave " + n);
        } catch (S3Exception e) {
            assertEquals(S3Error.INVALID_ARGUMENT, e.error());
        }
    }

    private static String params(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : "&").append("p").append(i).append('=').append(i);
        }
        return b.toString();
    }
}
