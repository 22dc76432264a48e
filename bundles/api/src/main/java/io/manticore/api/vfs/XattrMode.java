package io.manticore.api.vfs;

/** Whether setting an extended attribute may create it, replace it, or either. */
public enum XattrMode {
    EITHER, CREATE, REPLACE
}
