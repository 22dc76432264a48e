package io.manticore.api.vfs;

/** What create-or-open does when the name exists or does not. */
public enum CreateMode {
    /** Open an existing file; NOENT when missing. */
    OPEN_EXISTING,
    /** Open the file, creating it when missing (NFSv3 UNCHECKED). */
    OPEN_OR_CREATE,
    /** Create the file; EXIST when present (NFSv3 GUARDED). */
    CREATE_NEW,
    /**
     * Exclusive create with a verifier (NFSv3 EXCLUSIVE): creates the file and stores the
     * verifier; when the file exists with the same verifier the call succeeds as a retry.
     */
    EXCLUSIVE
}
