package io.manticore.api.vfs;

/**
 * Which attributes a caller wants back. A backend may return more than asked; it must
 * return at least what is asked.
 */
public record AttrMask(int bits) {

    public static final int BASIC = 1;
    public static final int TIMES = 2;
    public static final int SPACE = 4;

    public static final AttrMask NONE = new AttrMask(0);
    public static final AttrMask ALL = new AttrMask(BASIC | TIMES | SPACE);

    public boolean wants(int bit) {
        return (bits & bit) != 0;
    }

    public boolean isEmpty() {
        return bits == 0;
    }
}
