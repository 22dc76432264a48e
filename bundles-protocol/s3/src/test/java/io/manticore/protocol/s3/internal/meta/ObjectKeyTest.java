package io.manticore.protocol.s3.internal.meta;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

public class ObjectKeyTest {

    @Test
    public void plainKeyHasNoFolders() {
        ObjectKey k = ObjectKey.parse("photo.jpg");
        assertEquals("photo.jpg", k.key());
        assertEquals(List.of(), k.folders());
        assertEquals("photo.jpg", k.name());
        assertFalse(k.folder());
    }

    @Test
    public void nestedKeySplitsIntoFoldersAndName() {
        ObjectKey k = ObjectKey.parse("a/b/c.txt");
        assertEquals(List.of("a", "b"), k.folders());
        assertEquals("c.txt", k.name());
        assertFalse(k.folder());
    }

    @Test
    public void keyEndingInSlashNamesAFolder() {
        ObjectKey k = ObjectKey.parse("a/b/");
        assertEquals("a/b/", k.key());
        assertEquals(List.of("a"), k.folders());
        assertEquals("b", k.name());
        assertTrue(k.folder());
    }

    @Test
    public void topLevelFolderKeyHasNoFolders() {
        ObjectKey k = ObjectKey.parse("dir/");
        assertEquals(List.of(), k.folders());
        assertEquals("dir", k.name());
        assertTrue(k.folder());
    }

    @Test
    public void unicodeKeyIsKept() {
        ObjectKey k = ObjectKey.parse("données/été ☃/日本.txt");
        assertEquals(List.of("données", "été ☃"), k.folders());
        assertEquals("日本.txt", k.name());
    }

    @Test
    public void segmentsOfDotsWithinNamesAreAllowed() {
        ObjectKey k = ObjectKey.parse("..a/.b/c..");
        assertEquals(List.of("..a", ".b"), k.folders());
        assertEquals("c..", k.name());
    }

    @Test
    public void emptyKeyIsRefused() {
        assertRefused("", S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void nullKeyIsRefused() {
        assertRefused(null, S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void emptySegmentIsRefused() {
        assertRefused("a//b", S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void leadingSlashIsRefused() {
        assertRefused("/a", S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void lonelySlashIsRefused() {
        assertRefused("/", S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void doubleTrailingSlashIsRefused() {
        assertRefused("a//", S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void dotSegmentIsRefused() {
        assertRefused("./x", S3Error.INVALID_ARGUMENT);
        assertRefused("a/.", S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void dotDotSegmentIsRefused() {
        assertRefused("a/../b", S3Error.INVALID_ARGUMENT);
        assertRefused("../", S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void nulCharacterIsRefused() {
        assertRefused("a/b\0c", S3Error.INVALID_ARGUMENT);
    }

    @Test
    public void keyOf1024BytesIsAccepted() {
        String key = segments(4, 254) + "/abcd";
        assertEquals(1024, key.length());
        ObjectKey k = ObjectKey.parse(key);
        assertEquals(4, k.folders().size());
        assertEquals("abcd", k.name());
    }

    @Test
    public void keyOf1025BytesIsTooLong() {
        String key = segments(5, 200) + "/" + "y".repeat(1025 - 5 * 201);
        assertEquals(1025, key.length());
        assertRefused(key, S3Error.KEY_TOO_LONG);
    }

    @Test
    public void keyLengthCountsUtf8Bytes() {
        // 400 characters of 3 bytes each: 1200 bytes though only 400 chars, split in short segments.
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            b.append(i % 50 == 49 ? '/' : '€');
        }
        assertRefused(b.toString(), S3Error.KEY_TOO_LONG);
    }

    @Test
    public void segmentOf255BytesIsAccepted() {
        assertEquals("z".repeat(255), ObjectKey.parse("a/" + "z".repeat(255)).name());
    }

    @Test
    public void segmentOf256BytesIsTooLong() {
        assertRefused("a/" + "z".repeat(256) + "/b", S3Error.KEY_TOO_LONG);
    }

    @Test
    public void folderSegmentOf256BytesIsTooLong() {
        assertRefused("z".repeat(256) + "/", S3Error.KEY_TOO_LONG);
    }

    @Test
    public void segmentOf256Utf8BytesIsTooLong() {
        // 128 two-byte characters.
        assertRefused("é".repeat(128), S3Error.KEY_TOO_LONG);
        assertEquals("é".repeat(127), ObjectKey.parse("é".repeat(127)).name());
    }

    @Test
    public void foldersAreImmutable() {
        ObjectKey k = ObjectKey.parse("a/b/c");
        try {
            k.folders().add("d");
            fail("folders can be changed");
        } catch (UnsupportedOperationException expected) {
            assertEquals(List.of("a", "b"), k.folders());
        }
    }

    private static String segments(int count, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(String.valueOf((char) ('a' + i)).repeat(length));
        }
        return b.toString();
    }

    private static void assertRefused(String key, S3Error expected) {
        try {
            ObjectKey.parse(key);
            fail("accepted " + key);
        } catch (S3Exception e) {
            assertEquals(expected, e.error());
        }
    }
}
