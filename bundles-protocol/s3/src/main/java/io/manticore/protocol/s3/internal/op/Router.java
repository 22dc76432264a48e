package io.manticore.protocol.s3.internal.op;

import java.util.Set;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.S3Request;
import io.manticore.protocol.s3.internal.list.ListObjectVersions;
import io.manticore.protocol.s3.internal.list.ListObjectsV1;
import io.manticore.protocol.s3.internal.list.ListObjectsV2;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Chooses the operation for a request from its method, whether it names a bucket and a key,
 * and its sub-resource (S3 API reference: each operation's request syntax).
 */
public final class Router {

    /** Sub-resources of S3 this service does not serve: NotImplemented rather than a wrong answer. */
    private static final Set<String> UNSERVED = Set.of("acl", "policy", "policyStatus", "cors", "lifecycle", "tagging",
            "website", "logging", "notification", "replication", "encryption", "object-lock", "ownershipControls",
            "publicAccessBlock", "accelerate", "requestPayment", "analytics", "inventory", "metrics",
            "intelligent-tiering", "legal-hold", "retention", "restore", "select", "torrent", "attributes", "versioning");

    private final Route listBuckets = new Route("ListBuckets", new ListBuckets(), false);
    private final Route createBucket = new Route("CreateBucket", new CreateBucket(), true);
    private final Route headBucket = new Route("HeadBucket", new HeadBucket(), false);
    private final Route deleteBucket = new Route("DeleteBucket", new DeleteBucket(), true);
    private final Route bucketLocation = new Route("GetBucketLocation", new GetBucketLocation(), false);
    private final Route listV1 = new Route("ListObjects", new ListObjectsV1(), false);
    private final Route listV2 = new Route("ListObjectsV2", new ListObjectsV2(), false);
    private final Route listVersions = new Route("ListObjectVersions", new ListObjectVersions(), false);
    private final Route deleteObjects = new Route("DeleteObjects", new DeleteObjects(), true);
    private final Route getObject = new Route("GetObject", new GetObject(), false);
    private final Route headObject = new Route("HeadObject", new GetObject(), false);
    private final Route putObject = new Route("PutObject", new PutObject(), true);
    private final Route copyObject = new Route("CopyObject", new CopyObject(), true);
    private final Route deleteObject = new Route("DeleteObject", new DeleteObject(), true);
    private final Route createUpload = new Route("CreateMultipartUpload", new CreateMultipartUpload(), true);
    private final Route uploadPart = new Route("UploadPart", new UploadPart(), true);
    private final Route completeUpload = new Route("CompleteMultipartUpload", new CompleteMultipartUpload(), true);
    private final Route abortUpload = new Route("AbortMultipartUpload", new AbortMultipartUpload(), true);
    private final Route listParts = new Route("ListParts", new ListParts(), false);
    private final Route listUploads = new Route("ListMultipartUploads", new ListMultipartUploads(), false);

    public Route route(S3Request request) {
        HttpMethod method = request.method();
        if (request.bucket() == null) {
            if (HttpMethod.GET.equals(method)) {
                return listBuckets;
            }
            throw notAllowed(method);
        }
        for (String name : request.query().asMap().keySet()) {
            if (UNSERVED.contains(name)) {
                throw new S3Exception(S3Error.NOT_IMPLEMENTED, "the '" + name + "' sub-resource is not served by this server");
            }
        }
        return request.key() == null ? bucketRoute(request, method) : objectRoute(request, method);
    }

    private Route bucketRoute(S3Request request, HttpMethod method) {
        if (HttpMethod.GET.equals(method)) {
            if (request.query().has("location")) {
                return bucketLocation;
            }
            if (request.query().has("versions")) {
                return listVersions;
            }
            if (request.query().has("uploads")) {
                return listUploads;
            }
            return "2".equals(request.query().get("list-type")) ? listV2 : listV1;
        }
        if (HttpMethod.HEAD.equals(method)) {
            return headBucket;
        }
        if (HttpMethod.PUT.equals(method)) {
            return createBucket;
        }
        if (HttpMethod.DELETE.equals(method)) {
            return deleteBucket;
        }
        if (HttpMethod.POST.equals(method) && request.query().has("delete")) {
            return deleteObjects;
        }
        throw notAllowed(method);
    }

    private Route objectRoute(S3Request request, HttpMethod method) {
        boolean upload = request.query().has("uploadId");
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            if (request.query().has("partNumber")) {
                throw new S3Exception(S3Error.NOT_IMPLEMENTED, "reading one part of an object is not served by this server");
            }
            if (upload && HttpMethod.GET.equals(method)) {
                return listParts;
            }
            return HttpMethod.GET.equals(method) ? getObject : headObject;
        }
        if (HttpMethod.PUT.equals(method)) {
            if (upload) {
                return uploadPart;
            }
            return request.headers().contains("x-amz-copy-source") ? copyObject : putObject;
        }
        if (HttpMethod.DELETE.equals(method)) {
            return upload ? abortUpload : deleteObject;
        }
        if (HttpMethod.POST.equals(method)) {
            if (request.query().has("uploads")) {
                return createUpload;
            }
            if (upload) {
                return completeUpload;
            }
        }
        throw notAllowed(method);
    }

    private static S3Exception notAllowed(HttpMethod method) {
        return new S3Exception(S3Error.METHOD_NOT_ALLOWED, "the method " + method + " is not allowed against this resource");
    }
}
