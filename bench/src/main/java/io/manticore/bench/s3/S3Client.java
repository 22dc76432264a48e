package io.manticore.bench.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The few S3 calls the benchmark makes, on one connection of its own (one client, one thread). */
final class S3Client implements AutoCloseable {

    /** A ListObjectsV2 page: its keys in order and the token of the next page, or null after the last. */
    record Page(List<String> keys, String nextToken) {
    }

    private final HttpConnection connection;
    private final SigV4 signer;
    private final String bucket;

    S3Client(InetSocketAddress address, String bucket, String accessKey, String secretKey, String region) {
        this.connection = new HttpConnection(address);
        this.signer = new SigV4(accessKey, secretKey, region, address.getHostString() + ':' + address.getPort());
        this.bucket = bucket;
    }

    void put(String key, byte[] data, int offset, int length) throws IOException {
        call("PUT", key, Map.of(), Map.of(), data, offset, length, null, 200);
    }

    /** Streams the object (or the inclusive byte range {@code first..last} when first >= 0) into sink. */
    void get(String key, long first, long last, HttpConnection.BodySink sink) throws IOException {
        Map<String, String> extra = first < 0 ? Map.of() : Map.of("Range", "bytes=" + first + '-' + last);
        call("GET", key, Map.of(), extra, null, 0, 0, sink, first < 0 ? 200 : 206);
    }

    Page list(int maxKeys, String token) throws IOException {
        Map<String, String> query = new TreeMap<>();
        query.put("list-type", "2");
        query.put("max-keys", Integer.toString(maxKeys));
        if (token != null) {
            query.put("continuation-token", token);
        }
        String xml = call("GET", "", query, Map.of(), null, 0, 0, null, 200).text();
        List<String> keys = new ArrayList<>(maxKeys);
        for (int at = xml.indexOf("<Key>"); at >= 0; at = xml.indexOf("<Key>", at)) {
            int end = xml.indexOf("</Key>", at);
            keys.add(unescape(xml.substring(at + 5, end)));
            at = end;
        }
        String next = xml.contains("<IsTruncated>true</IsTruncated>") ? element(xml, "NextContinuationToken") : null;
        return new Page(keys, next);
    }

    String createMultipartUpload(String key) throws IOException {
        String xml = call("POST", key, Map.of("uploads", ""), Map.of(), null, 0, 0, null, 200).text();
        return element(xml, "UploadId");
    }

    /** Uploads one part and returns its ETag, quotes included. */
    String uploadPart(String key, String uploadId, int partNumber, byte[] data, int offset, int length)
            throws IOException {
        Map<String, String> query = Map.of("partNumber", Integer.toString(partNumber), "uploadId", uploadId);
        HttpConnection.Response response = call("PUT", key, query, Map.of(), data, offset, length, null, 200);
        String etag = response.header("ETag");
        if (etag == null) {
            throw new IOException("UploadPart " + partNumber + " answered without an ETag");
        }
        return etag;
    }

    void completeMultipartUpload(String key, String uploadId, List<String> etags) throws IOException {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
                    .append(etags.get(i).replace("\"", "&quot;")).append("</ETag></Part>");
        }
        byte[] body = xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
        // The answer is 200 even when the completion failed: the error is in the body (S3 API reference).
        Map<String, String> query = Map.of("uploadId", uploadId);
        String answer = call("POST", key, query, Map.of(), body, 0, body.length, null, 200).text();
        if (answer.contains("<Error>")) {
            throw new IOException("CompleteMultipartUpload failed: " + answer);
        }
    }

    private HttpConnection.Response call(String method, String key, Map<String, String> query,
                                         Map<String, String> extraHeaders, byte[] body, int offset, int length,
                                         HttpConnection.BodySink sink, int expected) throws IOException {
        String path = '/' + bucket + (key.isEmpty() ? "" : '/' + key);
        Map<String, String> headers = signer.sign(method, path, query);
        headers.putAll(extraHeaders);
        HttpConnection.Response response;
        try {
            response = connection.exchange(method, SigV4.target(path, query), headers, body, offset, length,
                    sink);
        } catch (IOException e) {
            connection.close();
            throw e;
        }
        if (response.status() != expected) {
            String text = sink == null ? response.text() : "(body streamed)";
            throw new IOException(method + ' ' + path + " answered " + response.status() + ": " + text);
        }
        return response;
    }

    private static String element(String xml, String name) throws IOException {
        int start = xml.indexOf('<' + name + '>');
        int end = xml.indexOf("</" + name + '>', start);
        if (start < 0 || end < 0) {
            throw new IOException("no <" + name + "> in " + xml);
        }
        return unescape(xml.substring(start + name.length() + 2, end));
    }

    private static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&#34;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    @Override
    public void close() {
        connection.close();
    }
}
