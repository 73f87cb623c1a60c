package dev.nkms.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.storage.BucketNotFoundException;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.StorageUnreachableException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a library failure becomes problem details. */
class ProblemTest {
  private static final URI WHERE = URI.create("s3://bucket/key");

  @Test
  void storageCausesKeepTheirTypedReason() {
    assertThat(
            problem(
                new ObjectNotFoundException(WHERE, "no object at s3://bucket/key"),
                Kind.INVALID_INPUT))
        .extracting(Problem::status, Problem::reason)
        .containsExactly(404, "not-found");
    assertThat(
            problem(new BucketNotFoundException(WHERE, "no bucket bucket"), Kind.INVALID_INPUT)
                .status())
        .isEqualTo(404);
    assertThat(
            problem(
                new StorageUnreachableException(WHERE, "cannot reach the S3 endpoint"),
                Kind.UNREACHABLE))
        .extracting(Problem::status, Problem::reason)
        .containsExactly(503, "storage-unreachable");
  }

  @Test
  void withoutATypedCauseTheKindDecides() {
    assertThat(Problem.of(new NkmsException(Kind.INVALID_INPUT, "bad m")).status()).isEqualTo(400);
    assertThat(Problem.of(new NkmsException(Kind.UNREACHABLE, "no node")).status()).isEqualTo(503);
    assertThat(Problem.of(new NkmsException(Kind.FAILED, "grant failed")).status()).isEqualTo(502);
  }

  @Test
  void theJsonIsRfc9457WithTheLibrarysMessageAndDetails() {
    Problem p =
        Problem.of(
            new NkmsException(Kind.FAILED, "only 2 of 3 answered", List.of("node a: timeout")));
    assertThat(p.toJson())
        .containsEntry("type", "urn:nkms:problem:failed")
        .containsEntry("status", 502)
        .containsEntry("detail", "only 2 of 3 answered")
        .containsEntry("reason", "failed")
        .containsEntry("details", List.of("node a: timeout"));
    assertThat(Problem.badRequest("x").toJson()).doesNotContainKey("details");
  }

  @Test
  void anUndocumentedReasonIsRefused() {
    assertThatThrownBy(() -> Problem.of(400, "oops", "Oops", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Problem problem(Exception cause, Kind kind) {
    return Problem.of(new NkmsException(kind, cause.getMessage(), List.of(), cause));
  }
}
