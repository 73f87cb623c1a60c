package dev.nkms.storage.s3;

import dev.nkms.storage.StorageSettings;
import java.net.URI;
import java.util.Optional;

/**
 * The S3 back-end's settings, parsed and checked once (see {@link S3StoreProvider} for the keys).
 */
record S3Options(
    Optional<URI> endpoint,
    Optional<String> region,
    boolean pathStyle,
    long partSize,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey) {

  /** S3's smallest part size for every part but the last. */
  static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

  S3Options {
    if (partSize < MIN_PART_SIZE || partSize > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "s3.part_size must be at least 5 MiB (5242880 bytes) and under 2 GiB");
    }
    if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
      throw new IllegalArgumentException(
          "set both s3.access_key_id and s3.secret_access_key, or neither");
    }
  }

  static S3Options from(StorageSettings s) {
    return from(s, System.getenv());
  }

  /**
   * With {@code env} for the one default read from it: path-style addressing when an endpoint is
   * overridden, by setting or by the SDK's {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}
   * (what S3-compatible services on a host name or address without per-bucket DNS need).
   */
  static S3Options from(StorageSettings s, java.util.Map<String, String> env) {
    Optional<URI> endpoint = s.get("s3.endpoint").map(S3Options::endpoint);
    boolean overridden =
        endpoint.isPresent()
            || env.containsKey("AWS_ENDPOINT_URL_S3")
            || env.containsKey("AWS_ENDPOINT_URL");
    return new S3Options(
        endpoint,
        s.get("s3.region"),
        s.bool("s3.path_style", overridden),
        s.positiveLong("s3.part_size", DEFAULT_PART_SIZE),
        s.get("s3.access_key_id"),
        s.get("s3.secret_access_key"));
  }

  private static URI endpoint(String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // the message below says what is wanted
    }
    throw new IllegalArgumentException(
        "s3.endpoint must be an http(s)://host[:port] address, not '" + text + "'");
  }
}
