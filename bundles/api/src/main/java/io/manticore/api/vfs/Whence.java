package io.manticore.api.vfs;

/** What SEEK looks for from an offset: the next byte of data or the next hole. */
public enum Whence {
    DATA, HOLE
}
