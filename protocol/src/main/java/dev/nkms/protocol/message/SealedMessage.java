package dev.nkms.protocol.message;

import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.wire.UnsupportedVersionException;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The sealed-message format, {@code u32be(len(kit)) ‖ MessageKit ‖ chunk ciphertexts}, read
 * strictly. Chunk i of a message of length L with chunk size C carries min(C, L − i·C) plaintext
 * bytes plus a 16-byte tag; there are max(1, ⌈L/C⌉) chunks.
 */
public final class SealedMessage {
  private SealedMessage() {}

  /** Bytes before the MessageKit: its length. */
  public static final int LENGTH_PREFIX = 4;

  /**
   * Reads {@code u32be(len) ‖ MessageKit} and leaves {@code in} at the first chunk. Strict: the
   * length must be in [1, {@link MessageKit#MAX_SIZE}] and the kit must parse exactly.
   *
   * @throws MalformedSealedMessage the header does not parse: not a sealed file, or damaged (its
   *     message begins with {@link #NOT_SEALED})
   * @throws NewerSealedMessage the kit is from a newer nkms (see {@link
   *     UnsupportedVersionException#looksNewer})
   */
  public static MessageKit readHeader(InputStream in)
      throws IOException, MalformedSealedMessage, NewerSealedMessage {
    byte[] prefix = in.readNBytes(LENGTH_PREFIX);
    if (prefix.length < LENGTH_PREFIX) {
      throw new MalformedSealedMessage(
          NOT_SEALED + ": sealed message: the header ends after " + prefix.length + " bytes");
    }
    long len =
        ((prefix[0] & 0xffL) << 24)
            | ((prefix[1] & 0xffL) << 16)
            | ((prefix[2] & 0xffL) << 8)
            | (prefix[3] & 0xffL);
    if (len < 1 || len > MessageKit.MAX_SIZE) {
      throw new MalformedSealedMessage(
          NOT_SEALED
              + ": sealed message: MessageKit length "
              + len
              + " is outside [1, "
              + MessageKit.MAX_SIZE
              + "]");
    }
    byte[] kitBytes = in.readNBytes((int) len);
    if (kitBytes.length < len) {
      throw new MalformedSealedMessage(
          NOT_SEALED
              + ": sealed message: the MessageKit ends after "
              + kitBytes.length
              + " of "
              + len
              + " bytes");
    }
    try {
      return MessageKit.fromBytes(kitBytes);
    } catch (UnsupportedVersionException e) {
      if (e.looksNewer(kitBytes, MessageKit::fromBytes)) {
        throw new NewerSealedMessage(
            "sealed message: made by a newer nkms (MessageKit version "
                + e.major()
                + "."
                + e.minor()
                + ", this build reads up to "
                + e.supportedMajor()
                + "."
                + e.supportedMinor()
                + "); upgrade nkms to open it",
            e);
      }
      throw new MalformedSealedMessage(
          NOT_SEALED
              + ": sealed message: invalid MessageKit: its version field reads "
              + e.major()
              + "."
              + e.minor()
              + ", which is no nkms version (damaged)",
          e);
    } catch (WireFormatException e) {
      throw new MalformedSealedMessage(
          NOT_SEALED + ": sealed message: invalid MessageKit: " + e.getMessage(), e);
    }
  }

  /**
   * How every header error begins: a header that does not parse is damaged or is not a sealed file
   * at all.
   */
  public static final String NOT_SEALED = "not an nkms sealed file (or damaged)";

  /** The header bytes {@code u32be(len(kit)) ‖ kit}. */
  public static byte[] header(MessageKit kit) {
    byte[] k = kit.toBytes();
    byte[] out = new byte[LENGTH_PREFIX + k.length];
    out[0] = (byte) (k.length >>> 24);
    out[1] = (byte) (k.length >>> 16);
    out[2] = (byte) (k.length >>> 8);
    out[3] = (byte) k.length;
    System.arraycopy(k, 0, out, LENGTH_PREFIX, k.length);
    return out;
  }

  /** Total size of the chunk ciphertexts that follow the header. */
  public static long payloadLength(MessageKit kit) {
    return kit.plaintextLength()
        + Chunks.count(kit.plaintextLength(), kit.chunkSize()) * Chunks.TAG_LENGTH;
  }

  /**
   * Decrypts the chunks that follow the header, writing each chunk's plaintext only after it
   * authenticated. Reads {@code chunks} to its end: data after the last chunk is an error ({@link
   * TrailingData}), so is a payload shorter than the kit declares ({@link TruncatedPayload}). On
   * any exception {@code out} may already hold the verified chunks that came before; discard it.
   *
   * @param dek the 32-byte data key opened from the kit's capsule
   */
  public static void decryptPayload(
      byte[] dek, MessageKit kit, InputStream chunks, OutputStream out)
      throws IOException, SealedMessageException {
    if (dek.length != Chunks.DEK_LENGTH) {
      throw new MalformedSealedMessage(
          "the data key must be " + Chunks.DEK_LENGTH + " bytes, got " + dek.length);
    }
    Chunks c = new Chunks(dek, kit);
    long read = 0;
    long expected = payloadLength(kit);
    for (long i = 0; i < c.count(); i++) {
      int ctLen = c.plaintextLength(i) + Chunks.TAG_LENGTH;
      byte[] ct = chunks.readNBytes(ctLen);
      read += ct.length;
      if (ct.length < ctLen) {
        throw new TruncatedPayload(
            "sealed message: the payload ends after "
                + read
                + " of "
                + expected
                + " bytes (in chunk "
                + i
                + " of "
                + c.count()
                + ")");
      }
      byte[] pt = c.open(i, ct);
      if (pt == null) {
        throw new ChunkRejected(
            i,
            "sealed message: chunk "
                + i
                + " of "
                + c.count()
                + " does not authenticate (altered, reordered, from another message, or the wrong key)");
      }
      out.write(pt);
      Arrays.fill(pt, (byte) 0);
    }
    if (chunks.read() != -1) {
      throw new TrailingData(
          "sealed message: data follows the last chunk (the kit declares "
              + kit.plaintextLength()
              + " bytes of plaintext, "
              + expected
              + " bytes of payload)");
    }
  }

  /** Decrypts a whole sealed message held in memory (header included). */
  public static byte[] decrypt(byte[] dek, byte[] sealedMessage) throws SealedMessageException {
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(sealedMessage);
      MessageKit kit = readHeader(in);
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.min(kit.plaintextLength(), 1 << 20));
      decryptPayload(dek, kit, in, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory streams do not fail", e);
    }
  }
}
