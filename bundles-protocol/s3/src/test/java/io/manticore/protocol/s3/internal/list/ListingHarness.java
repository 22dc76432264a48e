package io.manticore.protocol.s3.internal.list;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import io.manticore.api.cred.Cred;
import io.manticore.core.internal.vfs.TestVfs;
import io.manticore.protocol.s3.internal.S3Context;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.s3.internal.error.Failures;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.error.VfsErrors;
import io.manticore.protocol.s3.internal.http.QueryParams;
import io.manticore.protocol.s3.internal.http.S3Request;
import io.manticore.protocol.s3.internal.op.S3Call;
import io.manticore.protocol.s3.internal.op.S3Operation;
import io.manticore.protocol.s3.internal.op.S3Response;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A bucket "bkt" over /mem/bkt on core's VFS and memfs, and calls of the listing operations on it. */
final class ListingHarness implements AutoCloseable {

    static final String BUCKET = "bkt";
    static final String ROOT = "/mem/bkt";

    final TestVfs fs = new TestVfs();
    final S3Context context;

    ListingHarness() {
        fs.mkdirs(Cred.ROOT, ROOT);
        fs.bucket(BUCKET, ROOT, false);
        context = new S3Context(fs.vfs(), fs.configService(), Clock.systemUTC());
    }

    /** Writes the file of {@code key} in the bucket, as root. */
    void put(String key, String content) {
        fs.write(Cred.ROOT, ROOT + "/" + key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Makes the folder {@code path} of the bucket (and those above it), as root. */
    void folder(String path) {
        fs.mkdirs(Cred.ROOT, ROOT + "/" + path);
    }

    /** Query parameters from name, value pairs. */
    static Map<String, String> query(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    Document v2(String... pairs) {
        Map<String, String> q = query(pairs);
        q.put("list-type", "2");
        return call(new ListObjectsV2(), q, "alice", Cred.ROOT);
    }

    Document v1(String... pairs) {
        return call(new ListObjectsV1(), query(pairs), "alice", Cred.ROOT);
    }

    Document versions(String... pairs) {
        Map<String, String> q = query(pairs);
        q.put("versions", "");
        return call(new ListObjectVersions(), q, "alice", Cred.ROOT);
    }

    /** Runs {@code op} and parses its 200 answer, releasing the buffer. */
    Document call(S3Operation op, Map<String, String> query, String user, Cred cred) {
        S3Response response = TestVfs.await(op.execute(s3Call(query, user, cred, BUCKET)));
        try {
            if (!HttpResponseStatus.OK.equals(response.status())) {
                throw new AssertionError("status " + response.status());
            }
            byte[] xml = ByteBufUtil.getBytes(response.content());
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            response.discard();
        }
    }

    /** The S3 error {@code op} fails with (a VFS error as the connection's table maps it). */
    S3Error error(S3Operation op, Map<String, String> query, String user, Cred cred, String bucket) {
        Throwable failure = failure(op, query, user, cred, bucket);
        S3Exception s3 = S3Exception.of(failure);
        if (s3 != null) {
            return s3.error();
        }
        if (Failures.cause(failure) instanceof VfsException vfs) {
            return VfsErrors.map(vfs.error());
        }
        throw new AssertionError("neither an S3 nor a VFS error", failure);
    }

    /** What {@code op} fails with, unwrapped. */
    Throwable failure(S3Operation op, Map<String, String> query, String user, Cred cred, String bucket) {
        return Failures.cause(TestVfs.failure(op.execute(s3Call(query, user, cred, bucket)).whenComplete((unexpected, t) -> {
            if (unexpected != null) {
                unexpected.discard();
            }
        })));
    }

    S3Call s3Call(Map<String, String> query, String user, Cred cred, String bucket) {
        S3Request request = new S3Request("req-1", HttpMethod.GET, bucket, null, QueryParams.of(query),
                new DefaultHttpHeaders(), "/" + bucket, "");
        return new S3Call(request, user, cred, context, null, PooledByteBufAllocator.DEFAULT);
    }

    /** The Key of each Contents element, in order. */
    static List<String> keys(Document doc) {
        return childTexts(doc, "Contents", "Key");
    }

    /** The Prefix of each CommonPrefixes element, in order. */
    static List<String> prefixes(Document doc) {
        return childTexts(doc, "CommonPrefixes", "Prefix");
    }

    /** The text of the root's child {@code name}, or null when absent. */
    static String value(Document doc, String name) {
        Element e = child(doc.getDocumentElement(), name);
        return e == null ? null : e.getTextContent();
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The names of the root's children, in order (element order of the response). */
    static List<String> elementNames(Document doc) {
        List<String> names = new ArrayList<>();
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (names.isEmpty() || !names.get(names.size() - 1).equals(e.getTagName()))) {
                names.add(e.getTagName());
            }
        }
        return names;
    }

    private static List<String> childTexts(Document doc, String element, String field) {
        List<String> out = new ArrayList<>();
        for (Element e : children(doc.getDocumentElement(), element)) {
            out.add(child(e, field).getTextContent());
        }
        return out;
    }

    @Override
    public void close() {
        fs.close();
    }
}
