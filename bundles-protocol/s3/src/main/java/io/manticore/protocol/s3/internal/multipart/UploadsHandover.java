package io.manticore.protocol.s3.internal.multipart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.protocol.s3.internal.meta.ObjectMeta;

/**
 * The multipart uploads in progress as state the next version of this bundle can take
 * (io.manticore.api.runtime.Handover): lists and maps of JDK and API values only, since this
 * bundle's classes go away with it. Parts stay the same unnamed files.
 */
public final class UploadsHandover {

    public static final String KEY = "s3.multipart";
    private static final int FORMAT = 1;

    private UploadsHandover() {
    }

    /** The uploads as handover state. */
    public static Map<String, Object> export(Collection<Upload> uploads) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Upload u : uploads) {
            List<Map<String, Object>> parts = new ArrayList<>();
            for (Part p : u.parts().values()) {
                parts.add(Map.of("number", p.number(), "file", p.file(), "size", p.size(), "etag", p.etag(),
                        "md5", p.md5(), "modified", p.lastModifiedNanos()));
            }
            Map<String, Object> upload = new LinkedHashMap<>();
            upload.put("id", u.id());
            upload.put("bucket", u.bucket());
            upload.put("key", u.key());
            upload.put("user", u.user());
            upload.put("cred", u.cred());
            upload.put("meta", u.meta().encode());
            upload.put("initiated", u.initiatedNanos());
            upload.put("parts", parts);
            all.add(upload);
        }
        return Map.of("format", FORMAT, "uploads", all);
    }

    /**
     * The uploads in {@code state}.
     *
     * @throws IllegalArgumentException when the state is not of a format this version reads
     */
    public static List<Upload> restore(Object state) {
        try {
            Map<?, ?> top = (Map<?, ?>) state;
            if (!Integer.valueOf(FORMAT).equals(top.get("format"))) {
                throw new IllegalArgumentException("multipart handover format " + top.get("format") + " is not " + FORMAT);
            }
            List<Upload> out = new ArrayList<>();
            for (Object item : (List<?>) top.get("uploads")) {
                Map<?, ?> u = (Map<?, ?>) item;
                Upload upload = new Upload((String) u.get("id"), (String) u.get("bucket"), (String) u.get("key"),
                        (String) u.get("user"), (Cred) u.get("cred"), ObjectMeta.decode((byte[]) u.get("meta")),
                        (Long) u.get("initiated"));
                for (Object partItem : (List<?>) u.get("parts")) {
                    Map<?, ?> p = (Map<?, ?>) partItem;
                    Part part = new Part((Integer) p.get("number"), (FileHandle) p.get("file"), (Long) p.get("size"),
                            (String) p.get("etag"), (byte[]) p.get("md5"), (Long) p.get("modified"));
                    upload.parts().put(part.number(), part);
                }
                out.add(upload);
            }
            return out;
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("multipart handover state is malformed: " + e.getMessage(), e);
        }
    }
}
