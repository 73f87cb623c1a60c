package dev.nkms.storage.s3;

import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.ObjectStoreProvider;
import dev.nkms.storage.StorageFailedException;
import dev.nkms.storage.StorageSettings;
import java.net.URI;

/**
 * {@code s3://bucket/key} through the AWS SDK for Java v2, against AWS or any S3-compatible
 * service. The SDK is an optional dependency of this module: an application that stores on S3 adds
 * {@code software.amazon.awssdk:s3} and {@code url-connection-client}; one that does not never
 * loads them.
 *
 * <p>Settings (all optional): {@code s3.endpoint} (else the SDK's {@code AWS_ENDPOINT_URL_S3} /
 * profile chain), {@code s3.region} (else the SDK's chain, else us-east-1), {@code s3.path_style}
 * (default: true when an endpoint is set), {@code s3.part_size} in bytes (default 8 MiB, at least 5
 * MiB: objects larger go up as a multipart upload), {@code s3.access_key_id} + {@code
 * s3.secret_access_key} (else the SDK's standard credentials chain).
 */
public final class S3StoreProvider implements ObjectStoreProvider {
  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public ObjectStore open(StorageSettings settings) throws StorageFailedException {
    try {
      Class.forName(
          "software.amazon.awssdk.services.s3.S3Client", false, getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new StorageFailedException(
          URI.create("s3:/"),
          "s3: locations need the AWS SDK; add software.amazon.awssdk:s3 and url-connection-client to the class path");
    }
    return S3ObjectStore.open(S3Options.from(settings));
  }
}
