package dev.nkms.client.message;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.message.Chunks;
import dev.nkms.protocol.message.SealedMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encrypts data for a policy's public key; needs nothing secret. Per message: a fresh random
 * 32-byte data key (DEK), Umbral-encrypted to the policy key (the capsule and encrypted DEK go into
 * the {@link MessageKit}), and the data in AES-256-GCM chunks (see {@link SealedMessage}). Streams:
 * memory use is one chunk, whatever the message size.
 */
public final class Enrico {
  public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

  private final PublicKey policyEncryptingKey;
  private final RandomSource random;
  private final int chunkSize;

  public Enrico(PublicKey policyEncryptingKey, RandomSource random) {
    this(policyEncryptingKey, random, DEFAULT_CHUNK_SIZE);
  }

  public Enrico(PublicKey policyEncryptingKey, RandomSource random, int chunkSize) {
    if (chunkSize < 1 || chunkSize > MessageKit.MAX_CHUNK) {
      throw new IllegalArgumentException(
          "chunk size must be in [1, " + MessageKit.MAX_CHUNK + "], got " + chunkSize);
    }
    this.policyEncryptingKey = Objects.requireNonNull(policyEncryptingKey);
    this.random = Objects.requireNonNull(random);
    this.chunkSize = chunkSize;
  }

  public PublicKey policyEncryptingKey() {
    return policyEncryptingKey;
  }

  /**
   * Encrypts exactly {@code length} bytes of {@code in} into a sealed message on {@code out},
   * without conditions.
   */
  public MessageKit encrypt(InputStream in, long length, OutputStream out) throws IOException {
    return encrypt(in, length, out, Conditions.NONE);
  }

  /**
   * Encrypts exactly {@code length} bytes of {@code in} into a sealed message on {@code out}:
   * header, then chunks. Reads nothing beyond {@code length}; an input that ends early is an {@link
   * EOFException} (and {@code out} holds an unusable prefix). Returns the kit, which is also the
   * header just written.
   */
  public MessageKit encrypt(InputStream in, long length, OutputStream out, Conditions conditions)
      throws IOException {
    if (length < 0) {
      throw new IllegalArgumentException("negative length");
    }
    Objects.requireNonNull(conditions, "conditions (use Conditions.NONE)");
    byte[] dek = random.nextBytes(Chunks.DEK_LENGTH);
    try {
      Umbral.Encrypted sealedDek = Umbral.encrypt(policyEncryptingKey, dek, random);
      MessageKit kit =
          new MessageKit(
              sealedDek.capsule(), sealedDek.ciphertext(), conditions, chunkSize, length);
      out.write(SealedMessage.header(kit));
      Chunks chunks = new Chunks(dek, kit);
      byte[] buffer = new byte[(int) Math.min(chunkSize, Math.max(length, 0))];
      for (long i = 0; i < chunks.count(); i++) {
        int len = chunks.plaintextLength(i);
        int got = in.readNBytes(buffer, 0, len);
        if (got < len) {
          throw new EOFException(
              "the input ended after " + (i * chunkSize + got) + " of " + length + " bytes");
        }
        out.write(chunks.seal(i, buffer, len));
      }
      Arrays.fill(buffer, (byte) 0);
      return kit;
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /** The whole sealed message for {@code plaintext}, without conditions. */
  public byte[] encrypt(byte[] plaintext) {
    return encrypt(plaintext, Conditions.NONE);
  }

  /** The whole sealed message for {@code plaintext}. */
  public byte[] encrypt(byte[] plaintext, Conditions conditions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 512);
    try {
      encrypt(new ByteArrayInputStream(plaintext), plaintext.length, out, conditions);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory streams do not fail", e);
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "Enrico[" + policyEncryptingKey.toHex() + ", chunks of " + chunkSize + " bytes]";
  }
}
