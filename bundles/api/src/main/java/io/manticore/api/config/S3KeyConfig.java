package io.manticore.api.config;

/** An S3 access key and the user it acts as. */
public record S3KeyConfig(String accessKey, String secretKey, String user) {

    @Override
    public String toString() {
        return "S3KeyConfig[accessKey=" + accessKey + ", user=" + user + "]";
    }
}
