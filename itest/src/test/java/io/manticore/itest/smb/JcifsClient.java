package io.manticore.itest.smb;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbFile;

/**
 * jcifs-ng against Manticore's SMB service over SMB 3.1.1 with signing enforced (jcifs-ng 2.1
 * does not encrypt), run in its own JVM by SmbClientsIT. The first mismatch exits 1 saying
 * which, and success prints "OK".
 *
 * <p>Arguments: host, port, share, user, password, folder to work in.
 */
public final class JcifsClient {

    private JcifsClient() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", "SMB311");
        p.setProperty("jcifs.smb.client.maxVersion", "SMB311");
        p.setProperty("jcifs.smb.client.signingEnforced", "true");
        p.setProperty("jcifs.smb.client.ipcSigningEnforced", "true");
        p.setProperty("jcifs.smb.client.dfs.disabled", "true");
        p.setProperty("jcifs.resolveOrder", "DNS");
        p.setProperty("jcifs.smb.client.responseTimeout", "60000");
        CIFSContext context = new BaseContext(new PropertyConfiguration(p))
                .withCredentials(new NtlmPasswordAuthenticator("WORKGROUP", args[3], args[4]));
        String base = "smb://" + args[0] + ":" + args[1] + "/" + args[2] + "/";
        try (SmbFile dir = new SmbFile(base + args[5] + "/", context)) {
            dir.mkdir();
            byte[] body = SmbjClient.random(6, 2 * 1024 * 1024 + 11);
            try (SmbFile f = new SmbFile(dir, "data.bin")) {
                try (OutputStream out = f.getOutputStream()) {
                    out.write(body);
                }
                byte[] back;
                try (InputStream in = f.getInputStream()) {
                    back = in.readAllBytes();
                }
                SmbjClient.check("the bytes read back are the bytes written (" + back.length + ")", Arrays.equals(body, back));
                SmbjClient.check("length " + f.length(), f.length() == body.length);
                try (SmbFile moved = new SmbFile(dir, "moved.bin")) {
                    f.renameTo(moved);
                    List<String> names = Arrays.stream(dir.list()).sorted().toList();
                    SmbjClient.check("listing " + names, names.equals(List.of("moved.bin")));
                    moved.delete();
                    SmbjClient.check("removed", !moved.exists());
                }
            }
            dir.delete();
            SmbjClient.check("folder removed", !dir.exists());
        }
        System.out.println("OK");
    }
}
