package dev.nkms.storage.s3;

import dev.nkms.storage.InvalidLocationException;
import java.net.URI;
import java.util.regex.Pattern;

/** {@code s3://bucket/key}, checked: a valid bucket name, a non-empty key, no query or fragment. */
record S3Location(URI uri, String bucket, String key) {
  // The S3 rules for bucket names (3–63 of lower case letters, digits, dots and hyphens, starting
  // and ending
  // alphanumerically).
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  static S3Location parse(URI uri) throws InvalidLocationException {
    if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()) {
      throw new InvalidLocationException(
          uri, "'" + uri + "' is not an S3 location; write s3://bucket/key");
    }
    String bucket = uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new InvalidLocationException(
          uri, "'" + uri + "' names no bucket; write s3://bucket/key");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw new InvalidLocationException(
          uri,
          "'"
              + bucket
              + "' is not a valid S3 bucket name (3–63 lower case letters, digits, '.' or '-')");
    }
    String path = uri.getPath();
    if (path == null || path.length() <= 1) {
      throw new InvalidLocationException(uri, "'" + uri + "' names no key in bucket " + bucket);
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new InvalidLocationException(
          uri, "'" + uri + "' has a query or fragment; an S3 location has neither");
    }
    return new S3Location(uri, bucket, path.substring(1));
  }
}
