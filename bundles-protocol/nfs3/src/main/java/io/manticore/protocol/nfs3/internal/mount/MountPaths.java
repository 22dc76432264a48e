package io.manticore.protocol.nfs3.internal.mount;

/** The dirpath of a MOUNT call as a namespace path. */
final class MountPaths {

    private MountPaths() {
    }

    /**
     * {@code /mem//a/} becomes {@code /mem/a}; null for a relative path or one with "." or ".."
     * segments, which are never mounted.
     */
    static String normalize(String dirpath) {
        if (!dirpath.startsWith("/")) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : dirpath.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
            path.append('/').append(segment);
        }
        return path.isEmpty() ? "/" : path.toString();
    }
}
