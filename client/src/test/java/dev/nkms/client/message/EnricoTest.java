package dev.nkms.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.protocol.message.ChunkRejected;
import dev.nkms.protocol.message.MalformedSealedMessage;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.protocol.message.TrailingData;
import dev.nkms.protocol.message.TruncatedPayload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnricoTest {
  private static final int CHUNK = Enrico.DEFAULT_CHUNK_SIZE;
  private static final RandomSource RANDOM = RandomSource.deterministicStream("enrico-test");
  private final SecretKey policyKey = SecretKey.random(RANDOM);
  private final Enrico enrico = new Enrico(policyKey.publicKey(), RANDOM);

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private byte[] dek(MessageKit kit) throws Exception {
    return Umbral.decryptOriginal(policyKey, kit.capsule(), kit.encryptedDek());
  }

  private byte[] open(byte[] sealed) throws Exception {
    MessageKit kit = SealedMessage.readHeader(new ByteArrayInputStream(sealed));
    return SealedMessage.decrypt(dek(kit), sealed);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 1 << 20})
  void roundTripsWholeMessages(int size) throws Exception {
    byte[] plaintext = data(size);
    byte[] sealed = enrico.encrypt(plaintext);

    MessageKit kit = SealedMessage.readHeader(new ByteArrayInputStream(sealed));
    long chunks = Math.max(1, (size + CHUNK - 1) / CHUNK);
    assertThat(kit.plaintextLength()).isEqualTo(size);
    assertThat(kit.chunkSize()).isEqualTo(CHUNK);
    assertThat(sealed).hasSize(SealedMessage.header(kit).length + size + (int) chunks * 16);
    assertThat(SealedMessage.payloadLength(kit)).isEqualTo(size + chunks * 16);
    assertThat(open(sealed)).isEqualTo(plaintext);
  }

  @Test
  void streamsWithoutKnowingTheSourceIsAnArray() throws Exception {
    int size = 3 * CHUNK + 17;
    byte[] plaintext = data(size);
    // A source that hands out a few bytes at a time, as sockets do.
    InputStream trickle =
        new InputStream() {
          int pos;

          @Override
          public int read() {
            return pos < size ? plaintext[pos++] & 0xff : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (pos >= size) {
              return -1;
            }
            int n = Math.min(Math.min(len, 1000), size - pos);
            System.arraycopy(plaintext, pos, b, off, n);
            pos += n;
            return n;
          }
        };
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    MessageKit kit = enrico.encrypt(trickle, size, sealed, Conditions.NONE);

    ByteArrayInputStream in = new ByteArrayInputStream(sealed.toByteArray());
    assertThat(SealedMessage.readHeader(in)).isEqualTo(kit);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SealedMessage.decryptPayload(dek(kit), kit, in, out);
    assertThat(out.toByteArray()).isEqualTo(plaintext);
  }

  @Test
  void eachMessageGetsItsOwnKeyAndCapsule() throws Exception {
    byte[] a = enrico.encrypt(data(10));
    byte[] b = enrico.encrypt(data(10));
    MessageKit ka = SealedMessage.readHeader(new ByteArrayInputStream(a));
    MessageKit kb = SealedMessage.readHeader(new ByteArrayInputStream(b));
    assertThat(ka.capsule()).isNotEqualTo(kb.capsule());
    assertThat(dek(ka)).hasSize(32).isNotEqualTo(dek(kb));
  }

  @Test
  void carriesConditionsInTheKit() throws Exception {
    Conditions c = Conditions.of(new TimeWindow(100, 200));
    byte[] sealed = enrico.encrypt(data(5), c);
    assertThat(SealedMessage.readHeader(new ByteArrayInputStream(sealed)).conditions())
        .isEqualTo(c);
    assertThat(open(sealed)).isEqualTo(data(5));
  }

  /** The chunk format, recomputed here from its definition with the JDK cipher directly. */
  @Test
  void chunkFormatMatchesItsDefinition() throws Exception {
    Enrico small = new Enrico(policyKey.publicKey(), RANDOM, 4);
    byte[] plaintext = "abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] sealed = small.encrypt(plaintext);
    int kitLen = ByteBuffer.wrap(sealed, 0, 4).getInt();
    byte[] kitBytes = Arrays.copyOfRange(sealed, 4, 4 + kitLen);
    MessageKit kit = MessageKit.fromBytes(kitBytes);
    byte[] dek = dek(kit);
    byte[] digest = ScalarDigest.sha256(kitBytes);
    int at = 4 + kitLen;
    int[] lengths = {4, 4, 2};
    ByteArrayOutputStream recovered = new ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      byte[] ct = Arrays.copyOfRange(sealed, at, at + lengths[i] + 16);
      at += ct.length;
      byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(i).array();
      byte[] aad =
          ByteBuffer.allocate(41).put(digest).putLong(i).put((byte) (i == 2 ? 1 : 0)).array();
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dek, "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(aad);
      recovered.write(c.doFinal(ct));
    }
    assertThat(at).isEqualTo(sealed.length);
    assertThat(recovered.toByteArray()).isEqualTo(plaintext);
  }

  // ---- tampering
  // ------------------------------------------------------------------------------------------------

  /** A 3-chunk message with chunk size 8: header, then chunks of 8+16, 8+16, 4+16 bytes. */
  private final Enrico tiny = new Enrico(policyKey.publicKey(), RANDOM, 8);

  private final byte[] twenty = data(20);

  private int headerLength(byte[] sealed) {
    return 4 + ByteBuffer.wrap(sealed, 0, 4).getInt();
  }

  private void decryptInto(byte[] sealed, OutputStream out) throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(sealed);
    MessageKit kit = SealedMessage.readHeader(in);
    SealedMessage.decryptPayload(dek(kit), kit, in, out);
  }

  @Test
  void aFlippedBitIsRejectedBeforeThatChunkIsWritten() throws Exception {
    byte[] sealed = tiny.encrypt(twenty);
    sealed[headerLength(sealed) + 24 + 3] ^= 0x01; // inside chunk 1
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> decryptInto(sealed, out))
        .isInstanceOfSatisfying(ChunkRejected.class, e -> assertThat(e.chunkIndex()).isEqualTo(1))
        .hasMessageContaining("chunk 1 of 3");
    assertThat(out.toByteArray())
        .isEqualTo(Arrays.copyOf(twenty, 8)); // only chunk 0, which was verified
  }

  @Test
  void swappedChunksAreRejected() throws Exception {
    byte[] sealed =
        tiny.encrypt(data(16)); // two full chunks of equal size, so a swap keeps every length right
    int h = headerLength(sealed);
    byte[] swapped = sealed.clone();
    System.arraycopy(sealed, h, swapped, h + 24, 24);
    System.arraycopy(sealed, h + 24, swapped, h, 24);
    assertThatThrownBy(() -> open(swapped))
        .isInstanceOfSatisfying(ChunkRejected.class, e -> assertThat(e.chunkIndex()).isEqualTo(0));
  }

  @Test
  void aMissingFinalChunkIsTruncation() throws Exception {
    byte[] sealed = tiny.encrypt(twenty);
    byte[] cut = Arrays.copyOf(sealed, sealed.length - 20);
    assertThatThrownBy(() -> open(cut))
        .isInstanceOf(TruncatedPayload.class)
        .hasMessageContaining("chunk 2 of 3");
  }

  @Test
  void aPartialChunkIsTruncation() throws Exception {
    byte[] sealed = tiny.encrypt(twenty);
    byte[] cut = Arrays.copyOf(sealed, sealed.length - 1);
    assertThatThrownBy(() -> open(cut)).isInstanceOf(TruncatedPayload.class);
  }

  @Test
  void anEmptyPayloadOfAnEmptyMessageIsTruncation() throws Exception {
    byte[] sealed = tiny.encrypt(new byte[0]);
    byte[] headerOnly = Arrays.copyOf(sealed, headerLength(sealed));
    assertThatThrownBy(() -> open(headerOnly)).isInstanceOf(TruncatedPayload.class);
  }

  @Test
  void dataAfterTheLastChunkIsRejected() throws Exception {
    byte[] sealed = tiny.encrypt(twenty);
    byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
    assertThatThrownBy(() -> open(longer)).isInstanceOf(TrailingData.class);
  }

  /**
   * Shortening the declared length to drop the last chunk changes the kit, and so every chunk's
   * associated data.
   */
  @Test
  void rewritingTheDeclaredLengthIsRejected() throws Exception {
    byte[] sealed = tiny.encrypt(twenty);
    MessageKit kit = SealedMessage.readHeader(new ByteArrayInputStream(sealed));
    MessageKit shorter = new MessageKit(kit.capsule(), kit.encryptedDek(), kit.conditions(), 8, 16);
    byte[] header = SealedMessage.header(shorter);
    byte[] forged = new byte[header.length + 48];
    System.arraycopy(header, 0, forged, 0, header.length);
    System.arraycopy(sealed, headerLength(sealed), forged, header.length, 48);
    assertThatThrownBy(() -> open(forged))
        .isInstanceOfSatisfying(ChunkRejected.class, e -> assertThat(e.chunkIndex()).isEqualTo(0));
  }

  /**
   * The last chunk authenticates only with the last-chunk flag set in its associated data, and vice
   * versa.
   */
  @Test
  void theLastChunkFlagIsBound() throws Exception {
    byte[] sealed = tiny.encrypt(data(16));
    int h = headerLength(sealed);
    byte[] kitBytes = Arrays.copyOfRange(sealed, 4, h);
    byte[] dek = dek(MessageKit.fromBytes(kitBytes));
    byte[] digest = ScalarDigest.sha256(kitBytes);
    byte[] chunk0 = Arrays.copyOfRange(sealed, h, h + 24);
    byte[] chunk1 = Arrays.copyOfRange(sealed, h + 24, h + 48);
    assertThat(opens(dek, digest, 0, false, chunk0)).isTrue();
    assertThat(opens(dek, digest, 0, true, chunk0)).isFalse();
    assertThat(opens(dek, digest, 1, true, chunk1)).isTrue();
    assertThat(opens(dek, digest, 1, false, chunk1)).isFalse();
  }

  private static boolean opens(byte[] dek, byte[] digest, long i, boolean last, byte[] ct)
      throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(dek, "AES"),
        new GCMParameterSpec(128, ByteBuffer.allocate(12).putInt(0).putLong(i).array()));
    c.updateAAD(ByteBuffer.allocate(41).put(digest).putLong(i).put((byte) (last ? 1 : 0)).array());
    try {
      c.doFinal(ct);
      return true;
    } catch (javax.crypto.AEADBadTagException e) {
      return false;
    }
  }

  @Test
  void chunksCannotMoveToAnotherMessage() throws Exception {
    byte[] a = tiny.encrypt(twenty);
    byte[] b = tiny.encrypt(twenty);
    byte[] mixed = a.clone();
    int h = headerLength(a);
    System.arraycopy(b, h, mixed, h, 24); // chunk 0 of b into a
    assertThatThrownBy(() -> open(mixed)).isInstanceOf(ChunkRejected.class);
  }

  @Test
  void theWrongKeyIsRejectedAtTheFirstChunk() throws Exception {
    byte[] sealed = tiny.encrypt(twenty);
    byte[] wrong = new byte[32];
    assertThatThrownBy(() -> SealedMessage.decrypt(wrong, sealed))
        .isInstanceOfSatisfying(ChunkRejected.class, e -> assertThat(e.chunkIndex()).isEqualTo(0));
    assertThatThrownBy(() -> SealedMessage.decrypt(new byte[16], sealed))
        .isInstanceOf(MalformedSealedMessage.class);
  }

  // ---- header
  // ---------------------------------------------------------------------------------------------------

  @Test
  void headerLengthIsCheckedStrictly() {
    assertThatThrownBy(
            () -> SealedMessage.readHeader(new ByteArrayInputStream(new byte[] {0, 0, 0, 0})))
        .isInstanceOf(MalformedSealedMessage.class)
        .hasMessageContaining("outside");
    byte[] huge = ByteBuffer.allocate(4).putInt(MessageKit.MAX_SIZE + 1).array();
    assertThatThrownBy(() -> SealedMessage.readHeader(new ByteArrayInputStream(huge)))
        .isInstanceOf(MalformedSealedMessage.class)
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> SealedMessage.readHeader(new ByteArrayInputStream(new byte[] {0, 0})))
        .isInstanceOf(MalformedSealedMessage.class)
        .hasMessageContaining("header ends");
  }

  @Test
  void headerMustHoldAWholeValidKit() throws Exception {
    byte[] sealed = tiny.encrypt(twenty);
    int h = headerLength(sealed);
    assertThatThrownBy(
            () -> SealedMessage.readHeader(new ByteArrayInputStream(Arrays.copyOf(sealed, h - 1))))
        .isInstanceOf(MalformedSealedMessage.class)
        .hasMessageContaining("ends after");
    byte[] badKit = sealed.clone();
    badKit[4] = 'X'; // brand
    assertThatThrownBy(() -> SealedMessage.readHeader(new ByteArrayInputStream(badKit)))
        .isInstanceOf(MalformedSealedMessage.class)
        .hasMessageContaining("invalid MessageKit");
  }

  @Test
  void encryptingAShortInputFails() {
    assertThatThrownBy(
            () ->
                enrico.encrypt(
                    new ByteArrayInputStream(new byte[10]), 11, new ByteArrayOutputStream()))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("10 of 11");
  }

  @Test
  void rejectsBadChunkSizes() {
    assertThatThrownBy(() -> new Enrico(policyKey.publicKey(), RANDOM, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Enrico(policyKey.publicKey(), RANDOM, MessageKit.MAX_CHUNK + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
