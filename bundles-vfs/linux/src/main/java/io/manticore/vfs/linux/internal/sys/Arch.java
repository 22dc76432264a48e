package io.manticore.vfs.linux.internal.sys;

/**
 * The constants that differ between the architectures Manticore runs on (asm-generic against
 * x86's own fcntl.h and syscall table): open flags and the numbers of the identity system calls.
 */
public enum Arch {

    X86_64(0200000, 0400000, 122, 123, 116),
    AARCH64(040000, 0100000, 151, 152, 159);

    private final int directory;
    private final int noFollow;
    private final long setfsuidSyscall;
    private final long setfsgidSyscall;
    private final long setgroupsSyscall;

    Arch(int directory, int noFollow, long setfsuidSyscall, long setfsgidSyscall, long setgroupsSyscall) {
        this.directory = directory;
        this.noFollow = noFollow;
        this.setfsuidSyscall = setfsuidSyscall;
        this.setfsgidSyscall = setfsgidSyscall;
        this.setgroupsSyscall = setgroupsSyscall;
    }

    private static final Arch CURRENT = detect(System.getProperty("os.arch"));

    static Arch detect(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new UnsupportedOperationException("the passthrough backends run on x86_64 and aarch64, not " + osArch);
        };
    }

    public static Arch current() {
        return CURRENT;
    }

    /** O_DIRECTORY. */
    public int directory() {
        return directory;
    }

    /** O_NOFOLLOW. */
    public int noFollow() {
        return noFollow;
    }

    public long setfsuidSyscall() {
        return setfsuidSyscall;
    }

    public long setfsgidSyscall() {
        return setfsgidSyscall;
    }

    public long setgroupsSyscall() {
        return setgroupsSyscall;
    }
}
