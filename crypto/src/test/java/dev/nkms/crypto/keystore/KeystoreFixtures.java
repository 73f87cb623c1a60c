package dev.nkms.crypto.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.RandomSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;

/**
 * What the keystore tests share: cheap KDF parameters, a passphrase, secrets, and the committed
 * version 1 files.
 */
final class KeystoreFixtures {
  /** Cheap scrypt so the suite stays fast; the format and code path are the production ones. */
  static final ScryptParams FAST = ScryptParams.of(16, 8, 1);

  static final char[] PASS = "correct horse battery staple".toCharArray();

  /**
   * Written by the code of d59ef5f with {@link #FAST} and {@link #PASS}; holds {@link
   * #committedSecrets()}.
   */
  static final String N16 = "v1-scrypt-n16.keystore";

  /** Written by the code of d59ef5f with the default parameters and {@link #DEFAULT_FILE_PASS}. */
  static final String DEFAULT_FILE = "v1-scrypt-default.keystore";

  static final char[] DEFAULT_FILE_PASS = "p\u00e4ssw\u00f6rd \uD83D\uDD11".toCharArray();

  private KeystoreFixtures() {}

  static Map<String, byte[]> secrets() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(
        "signing-key",
        Hex.decode("1111111111111111111111111111111111111111111111111111111111111111"));
    m.put("encrypting.key_2", Hex.decode("00ff00ff"));
    m.put("tls", new byte[] {(byte) 0xab});
    return m;
  }

  /** The secrets in {@link #N16}. */
  static Map<String, byte[]> committedSecrets() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("alice", sequence(32, 0x01));
    m.put("bob", sequence(32, 0x81));
    m.put("tls", new byte[] {(byte) 0xab});
    return m;
  }

  static byte[] sequence(int length, int first) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (first + i);
    }
    return out;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = KeystoreFixtures.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  /**
   * A committed keystore copied into {@code dir} owner-only (a checkout leaves it 0644, which the
   * reader refuses).
   */
  static Path committed(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, resource(name));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** A source that hands out exactly these draws, in order, and fails on any other request. */
  static RandomSource fixed(byte[]... draws) {
    Deque<byte[]> left = new ArrayDeque<>(Arrays.asList(draws));
    return out -> {
      byte[] next = left.poll();
      assertThat(next).as("an unexpected draw of %d bytes", out.length).isNotNull();
      assertThat(out.length).as("draw length").isEqualTo(next.length);
      System.arraycopy(next, 0, out, 0, out.length);
    };
  }

  /** The value of the {@code name=} line of a keystore text. */
  static String field(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no field " + name);
  }
}
