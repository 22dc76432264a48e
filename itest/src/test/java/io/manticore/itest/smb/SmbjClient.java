package io.manticore.itest.smb;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;

/**
 * smbj against Manticore's SMB service over SMB 3.1.1 with signing required, on a share that encrypts, run
 * in its own JVM by SmbClientsIT (smbj is not an OSGi bundle). Each step checks what the server
 * answered; the first mismatch exits 1 saying which, and success prints "OK". The server refuses
 * unencrypted requests on an encrypting share, so every step that succeeds was encrypted.
 *
 * <p>Arguments: host, port, share, user, password, folder to work in.
 */
public final class SmbjClient {

    private SmbjClient() {
    }

    public static void main(String[] args) throws Exception {
        SmbConfig config = SmbConfig.builder().withDialects(SMB2Dialect.SMB_3_1_1).withSigningRequired(true)
                .withEncryptData(true).withMultiProtocolNegotiate(false).withTimeout(60, TimeUnit.SECONDS).build();
        String folder = args[5];
        try (SMBClient client = new SMBClient(config); Connection connection = client.connect(args[0], Integer.parseInt(args[1]))) {
            check("dialect 3.1.1: " + connection.getNegotiatedProtocol().getDialect(),
                    connection.getNegotiatedProtocol().getDialect() == SMB2Dialect.SMB_3_1_1);
            Session session = connection.authenticate(new AuthenticationContext(args[3], args[4].toCharArray(), "WORKGROUP"));
            try (DiskShare share = (DiskShare) session.connectShare(args[2])) {
                share.mkdir(folder);
                byte[] body = random(5, 3 * 1024 * 1024 + 3);
                try (File f = open(share, folder + "\\data.bin", SMB2CreateDisposition.FILE_OVERWRITE_IF)) {
                    f.write(body, 0);
                }
                byte[] back = new byte[body.length];
                try (File f = open(share, folder + "\\data.bin", SMB2CreateDisposition.FILE_OPEN)) {
                    int at = 0;
                    while (at < back.length) {
                        int n = f.read(back, at, at, back.length - at);
                        check("read at " + at + " returned " + n, n > 0);
                        at += n;
                    }
                    f.rename(folder + "\\renamed.bin");
                }
                check("the bytes read back are the bytes written", Arrays.equals(body, back));
                long size = share.getFileInformation(folder + "\\renamed.bin").getStandardInformation().getEndOfFile();
                check("end of file " + size, size == body.length);
                List<String> names = share.list(folder).stream().map(i -> i.getFileName()).sorted().toList();
                check("listing " + names, names.equals(List.of(".", "..", "renamed.bin")));
                share.rm(folder + "\\renamed.bin");
                check("removed", !share.fileExists(folder + "\\renamed.bin"));
                share.rmdir(folder, false);
                check("folder removed", !share.folderExists(folder));
            }
            session.logoff();
        }
        System.out.println("OK");
    }

    private static File open(DiskShare share, String path, SMB2CreateDisposition disposition) {
        return share.openFile(path, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE, AccessMask.DELETE), null,
                SMB2ShareAccess.ALL, disposition, null);
    }

    static void check(String what, boolean holds) {
        if (!holds) {
            System.out.println("FAILED: " + what);
            System.exit(1);
        }
    }

    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
