"""Drives Manticore's S3 service with boto3; run by S3ClientsIT.

Usage: boto3_client.py ENDPOINT BUCKET PREFIX
Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Each step checks what the
server answered and the script exits non-zero at the first mismatch; the last line is "OK".
"""
import hashlib
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, bucket, prefix = sys.argv[1:4]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def check(what, ok):
    if not ok:
        print("FAILED: " + what)
        sys.exit(1)


body = os.urandom(200_003)
put = s3.put_object(Bucket=bucket, Key=prefix + "small.bin", Body=body, ContentType="application/x-boto",
                    Metadata={"origin": "boto3"})
check("PutObject ETag is the MD5", put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest())
got = s3.get_object(Bucket=bucket, Key=prefix + "small.bin")
check("GetObject returns the bytes", got["Body"].read() == body)
check("content type kept", got["ContentType"] == "application/x-boto")
check("metadata kept", got["Metadata"] == {"origin": "boto3"})

ranged = s3.get_object(Bucket=bucket, Key=prefix + "small.bin", Range="bytes=-3")
check("suffix range", ranged["Body"].read() == body[-3:] and ranged["ContentRange"] == "bytes 200000-200002/200003")

def if_none_match(request, **kwargs):
    # Debian's botocore predates the IfNoneMatch parameter: add the header before signing.
    request.headers["If-None-Match"] = "*"


conditional = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                           config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
conditional.meta.events.register("before-sign.s3.PutObject", if_none_match)
conditional.put_object(Bucket=bucket, Key=prefix + "fresh.bin", Body=b"first")
try:
    conditional.put_object(Bucket=bucket, Key=prefix + "small.bin", Body=b"x")
    check("If-None-Match: * on an existing key fails", False)
except ClientError as e:
    check("PreconditionFailed: " + str(e), e.response["Error"]["Code"] == "PreconditionFailed")

part = os.urandom(5 * 1024 * 1024)
last = os.urandom(1234)
upload = s3.create_multipart_upload(Bucket=bucket, Key=prefix + "multi.bin")["UploadId"]
e1 = s3.upload_part(Bucket=bucket, Key=prefix + "multi.bin", UploadId=upload, PartNumber=1, Body=part)["ETag"]
e2 = s3.upload_part(Bucket=bucket, Key=prefix + "multi.bin", UploadId=upload, PartNumber=2, Body=last)["ETag"]
parts = s3.list_parts(Bucket=bucket, Key=prefix + "multi.bin", UploadId=upload)["Parts"]
check("ListParts", [(p["PartNumber"], p["Size"]) for p in parts] == [(1, len(part)), (2, len(last))])
try:
    s3.complete_multipart_upload(Bucket=bucket, Key=prefix + "multi.bin", UploadId=upload,
                                 MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e2}, {"PartNumber": 1, "ETag": e1}]})
    check("parts out of order refused", False)
except ClientError as e:
    check("InvalidPartOrder: " + str(e), e.response["Error"]["Code"] == "InvalidPartOrder")
done = s3.complete_multipart_upload(Bucket=bucket, Key=prefix + "multi.bin", UploadId=upload,
                                    MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]})
md5s = hashlib.md5(hashlib.md5(part).digest() + hashlib.md5(last).digest()).hexdigest()
check("multipart ETag", done["ETag"] == '"%s-2"' % md5s)
check("multipart content", s3.get_object(Bucket=bucket, Key=prefix + "multi.bin")["Body"].read() == part + last)

deleted = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": prefix + "small.bin"}, {"Key": prefix + "missing"}]})
check("DeleteObjects", sorted(d["Key"] for d in deleted.get("Deleted", [])) == [prefix + "missing", prefix + "small.bin"])
try:
    s3.head_object(Bucket=bucket, Key=prefix + "small.bin")
    check("deleted object gone", False)
except ClientError as e:
    check("404 after delete", e.response["Error"]["Code"] == "404")
print("OK")
