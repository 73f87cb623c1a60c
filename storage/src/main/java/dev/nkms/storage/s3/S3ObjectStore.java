package dev.nkms.storage.s3;

import dev.nkms.storage.BucketNotFoundException;
import dev.nkms.storage.DeleteResult;
import dev.nkms.storage.LengthCheckedInputStream;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.StorageException;
import dev.nkms.storage.StorageFailedException;
import dev.nkms.storage.StorageUnreachableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Objects on S3. A put reads one part into a buffer: an object that fits is one PutObject; a larger
 * one is a multipart upload, one part in memory at a time, aborted on any failure — S3 makes an
 * object visible only when its upload completes, so a failed put leaves nothing. Reads check the
 * length S3 announced.
 */
final class S3ObjectStore implements ObjectStore {
  private final S3Client s3;
  private final int partSize;

  private S3ObjectStore(S3Client s3, int partSize) {
    this.s3 = s3;
    this.partSize = partSize;
  }

  /** A store with these options; interceptors see every SDK call (tests record the operations). */
  static S3ObjectStore open(S3Options options, ExecutionInterceptor... interceptors) {
    return new S3ObjectStore(client(options, interceptors), (int) options.partSize());
  }

  private static S3Client client(S3Options options, ExecutionInterceptor... interceptors) {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .region(options.region().map(Region::of).orElseGet(S3ObjectStore::regionFromChain))
            .credentialsProvider(credentials(options))
            .forcePathStyle(options.pathStyle())
            // Checksums only where S3 requires them: S3-compatible services differ in the newer
            // trailer formats,
            // and the sealed message carries its own authentication per chunk.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // Plain bodies, not SigV4's aws-chunked framing, which some S3-compatible services
            // store verbatim; a
            // part is in memory anyway, so signing its digest costs one more pass over it.
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            .overrideConfiguration(c -> List.of(interceptors).forEach(c::addExecutionInterceptor));
    options.endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  @Override
  public URI put(URI where, InputStream data) throws StorageException {
    S3Location at = S3Location.parse(where);
    byte[] part = new byte[partSize];
    int first = fill(data, part, where);
    try {
      if (first < partSize) {
        s3.putObject(
            PutObjectRequest.builder().bucket(at.bucket()).key(at.key()).build(),
            RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, first), first));
        return where;
      }
    } catch (SdkException e) {
      throw mapped(at, "storing", e);
    }
    return putMultipart(at, data, part, first);
  }

  private URI putMultipart(S3Location at, InputStream data, byte[] part, int first)
      throws StorageException {
    String uploadId;
    try {
      uploadId =
          s3.createMultipartUpload(
                  CreateMultipartUploadRequest.builder().bucket(at.bucket()).key(at.key()).build())
              .uploadId();
    } catch (SdkException e) {
      throw mapped(at, "storing", e);
    }
    boolean completed = false;
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int n = first;
      while (n > 0) {
        int number = parts.size() + 1;
        String etag =
            s3.uploadPart(
                    UploadPartRequest.builder()
                        .bucket(at.bucket())
                        .key(at.key())
                        .uploadId(uploadId)
                        .partNumber(number)
                        .contentLength((long) n)
                        .build(),
                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, n), n))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        n = fill(data, part, at.uri());
      }
      s3.completeMultipartUpload(
          CompleteMultipartUploadRequest.builder()
              .bucket(at.bucket())
              .key(at.key())
              .uploadId(uploadId)
              .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
              .build());
      completed = true;
      return at.uri();
    } catch (SdkException e) {
      throw mapped(at, "storing", e);
    } finally {
      if (!completed) {
        abort(at, uploadId);
      }
    }
  }

  private void abort(S3Location at, String uploadId) {
    try {
      s3.abortMultipartUpload(
          AbortMultipartUploadRequest.builder()
              .bucket(at.bucket())
              .key(at.key())
              .uploadId(uploadId)
              .build());
    } catch (SdkException ignored) {
      // The upload was never completed, so no object is visible; the service expires abandoned
      // parts (a bucket
      // lifecycle rule on AWS).
    }
  }

  @Override
  public InputStream get(URI location) throws StorageException {
    S3Location at = S3Location.parse(location);
    try {
      ResponseInputStream<GetObjectResponse> in =
          s3.getObject(GetObjectRequest.builder().bucket(at.bucket()).key(at.key()).build());
      Long length = in.response().contentLength();
      if (length == null) {
        in.close();
        throw new StorageFailedException(
            location, "S3 sent " + location + " without a length; not trusting it");
      }
      return new LengthCheckedInputStream(in, location, length);
    } catch (SdkException e) {
      throw mapped(at, "reading", e);
    } catch (IOException e) {
      throw new StorageFailedException(location, "reading " + location + " failed", e);
    }
  }

  @Override
  public DeleteResult delete(URI location) throws StorageException {
    S3Location at = S3Location.parse(location);
    // S3 answers a delete of a missing key with success, so ask first to say which it was.
    if (!exists(location)) {
      return DeleteResult.NOT_FOUND;
    }
    try {
      s3.deleteObject(DeleteObjectRequest.builder().bucket(at.bucket()).key(at.key()).build());
      return DeleteResult.DELETED;
    } catch (SdkException e) {
      throw mapped(at, "deleting", e);
    }
  }

  @Override
  public boolean exists(URI location) throws StorageException {
    S3Location at = S3Location.parse(location);
    try {
      s3.headObject(HeadObjectRequest.builder().bucket(at.bucket()).key(at.key()).build());
      return true;
    } catch (NoSuchKeyException e) {
      requireBucket(at);
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        requireBucket(
            at); // a HEAD answer has no body, so a missing bucket looks like a missing key
        return false;
      }
      throw mapped(at, "looking up", e);
    } catch (SdkException e) {
      throw mapped(at, "looking up", e);
    }
  }

  private void requireBucket(S3Location at) throws StorageException {
    try {
      s3.headBucket(HeadBucketRequest.builder().bucket(at.bucket()).build());
    } catch (SdkException e) {
      throw mapped(at, "looking up", e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  /** Reads until {@code buf} is full or the data ends; the count read. */
  private static int fill(InputStream data, byte[] buf, URI where) throws StorageFailedException {
    int n = 0;
    try {
      while (n < buf.length) {
        int r = data.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      return n;
    } catch (IOException | UncheckedIOException e) {
      throw StorageFailedException.sourceFailed(where, e);
    }
  }

  private static StorageException mapped(S3Location at, String doing, SdkException e) {
    URI uri = at.uri();
    if (e instanceof NoSuchBucketException
        || (e instanceof S3Exception s && isCode(s, "NoSuchBucket"))) {
      return new BucketNotFoundException(
          uri, "the S3 bucket " + at.bucket() + " does not exist; create it first");
    }
    if (e instanceof NoSuchKeyException || (e instanceof S3Exception s && isCode(s, "NoSuchKey"))) {
      return new ObjectNotFoundException(uri, "nothing is stored at " + uri);
    }
    if (e instanceof S3Exception s && s.statusCode() == 404 && doing.equals("looking up")) {
      return new BucketNotFoundException(
          uri, "the S3 bucket " + at.bucket() + " does not exist; create it first");
    }
    if (e instanceof SdkClientException && causedByNetwork(e)) {
      return new StorageUnreachableException(
          uri, "the S3 service for " + uri + " did not answer; is it running?", e);
    }
    if (e instanceof S3Exception s) {
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      return new StorageFailedException(
          uri,
          doing
              + " "
              + uri
              + " failed: S3 answered "
              + s.statusCode()
              + (code == null ? "" : " " + code),
          e);
    }
    return new StorageFailedException(
        uri, doing + " " + uri + " failed: " + firstLine(e.getMessage()), e);
  }

  private static boolean isCode(S3Exception e, String code) {
    return e.awsErrorDetails() != null && code.equals(e.awsErrorDetails().errorCode());
  }

  private static boolean causedByNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Region regionFromChain() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      return Region.US_EAST_1; // S3-compatible services ignore the region; AWS redirects
    }
  }

  private static AwsCredentialsProvider credentials(S3Options o) {
    if (o.accessKeyId().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(o.accessKeyId().get(), o.secretAccessKey().get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
