package io.manticore.protocol.s3.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.manticore.api.config.S3KeyConfig;

/** Derives SigV4 signing keys and keeps the most recently used ones, per access key and day. */
final class SigningKeys {

    static final int CAPACITY = 1024;

    private record Derived(String secret, byte[] key) {
    }

    private final String region;
    private final Map<String, Derived> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Derived> eldest) {
            return size() > CAPACITY;
        }
    };

    SigningKeys(String region) {
        this.region = region;
    }

    /** The signing key of {@code key} for {@code date} (yyyyMMdd); a changed secret derives a new one. */
    byte[] signingKey(S3KeyConfig key, String date) {
        String id = key.accessKey() + '/' + date;
        synchronized (cache) {
            Derived cached = cache.get(id);
            if (cached != null && cached.secret().equals(key.secretKey())) {
                return cached.key();
            }
        }
        byte[] derived = derive(key.secretKey(), date, region);
        synchronized (cache) {
            cache.put(id, new Derived(key.secretKey(), derived));
        }
        return derived;
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** SigV4 "Signing key": HMAC over "AWS4"+secret, then the date, region, service and terminator. */
    static byte[] derive(String secret, String date, String region) {
        byte[] dateKey = Crypto.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] regionKey = Crypto.hmac(dateKey, region);
        byte[] serviceKey = Crypto.hmac(regionKey, CredentialScope.SERVICE);
        return Crypto.hmac(serviceKey, CredentialScope.TERMINATOR);
    }
}
