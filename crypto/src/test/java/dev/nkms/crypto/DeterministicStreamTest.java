package dev.nkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The spec §6.1 stream: SHA-256(utf8(seed) ‖ u64be(i)) blocks, consumed as one continuous byte
 * stream.
 */
class DeterministicStreamTest {

  /** The stream computed independently of the implementation, straight from the §6.1 definition. */
  private static byte[] expectedStream(String seed, int length) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = 0; out.size() < length; i++) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(seed.getBytes(StandardCharsets.UTF_8));
      sha.update(ByteBuffer.allocate(8).putLong(i).array());
      out.write(sha.digest());
    }
    return Arrays.copyOf(out.toByteArray(), length);
  }

  @Test
  void matchesTheSpecDefinitionForUnalignedRequests() throws Exception {
    RandomSource stream = RandomSource.deterministicStream("nkms-test");
    // The draw sizes of encrypt (32, 32, 24) followed by odd sizes that straddle block boundaries.
    int[] sizes = {32, 32, 24, 32, 1, 7, 63, 64, 65, 0, 31, 33, 96};
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    for (int size : sizes) {
      got.write(stream.nextBytes(size));
    }
    byte[] expected = expectedStream("nkms-test", got.size());
    assertThat(got.toByteArray()).isEqualTo(expected);
  }

  @Test
  void seededRandomChunkingNeverChangesTheBytes() throws Exception {
    SplittableRandom rnd = new SplittableRandom(0x5eed);
    byte[] expected = expectedStream("chunking", 4096);
    for (int trial = 0; trial < 50; trial++) {
      RandomSource stream = RandomSource.deterministicStream("chunking");
      byte[] got = new byte[4096];
      int pos = 0;
      while (pos < got.length) {
        int size = Math.min(rnd.nextInt(0, 100), got.length - pos);
        byte[] chunk = new byte[size];
        stream.nextBytes(chunk);
        System.arraycopy(chunk, 0, got, pos, size);
        pos += size;
      }
      assertThat(got).isEqualTo(expected);
    }
  }

  @Test
  void seedIsEncodedAsUtf8() throws Exception {
    String seed = "grüße-✓";
    byte[] got = RandomSource.deterministicStream(seed).nextBytes(40);
    assertThat(got).isEqualTo(expectedStream(seed, 40));
  }

  @Test
  void sameSeedSameBytesDifferentSeedDifferentBytes() {
    byte[] a = RandomSource.deterministicStream("a").nextBytes(64);
    byte[] a2 = RandomSource.deterministicStream("a").nextBytes(64);
    byte[] b = RandomSource.deterministicStream("b").nextBytes(64);
    assertThat(a).isEqualTo(a2);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void countsConsumedBytes() {
    DeterministicStream stream = (DeterministicStream) RandomSource.deterministicStream("count");
    stream.nextBytes(new byte[24]);
    stream.nextBytes(new byte[0]);
    stream.nextBytes(new byte[40]);
    assertThat(stream.consumed()).isEqualTo(64);
  }

  @Test
  void toStringDoesNotRevealTheSeed() {
    assertThat(RandomSource.deterministicStream("hunter2-seed").toString())
        .doesNotContain("hunter2");
  }

  @Test
  void secureSourceProducesFreshBytes() {
    RandomSource secure = RandomSource.secure();
    byte[] a = secure.nextBytes(32);
    byte[] b = secure.nextBytes(32);
    assertThat(a).hasSize(32);
    assertThat(a).isNotEqualTo(b); // equal with probability 2^-256
    assertThat(a).isNotEqualTo(new byte[32]);
  }
}
