package dev.nkms.cli.facade;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.Passphrases;
import dev.nkms.cli.UserError;
import dev.nkms.client.Nkms;
import dev.nkms.client.NkmsConfig;
import dev.nkms.client.NkmsException;
import dev.nkms.storage.StorageSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that works through the {@link Nkms} facade ({@code nkms write},
 * {@code read}, {@code delete}, {@code share}, {@code objects}, {@code policy …}, {@code daemon}):
 * whose keys, which network, where Alice's records live, the storage back-ends' settings, and the
 * output options. {@link #config} and {@link #open} turn them into one {@link Nkms}; a facade
 * failure reaches the user through {@link UserError#from} with its exit code.
 */
public final class FacadeOptions {
  @Mixin public OutputOptions output;

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      required = true,
      description =
          "The user's keystore (its passphrase: --passphrase-file, else NKMS_PASSPHRASE, else a"
              + " prompt).")
  public Path keys;

  @Option(names = "--passphrase-file", paramLabel = "FILE", description = Passphrases.HELP)
  public Path passphraseFile;

  @Option(
      names = "--network",
      paramLabel = "DIR",
      defaultValue = dev.nkms.client.connect.NetworkDirectory.DEFAULT,
      description = "Network directory to learn the nodes from (default: ${DEFAULT-VALUE}).")
  public Path network;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "Where .nkms/alice (policy records, the object index) lives, shared with `nkms alice` and"
              + " `nkms daemon` (default: ${DEFAULT-VALUE}, the current directory).")
  public Path home;

  @Option(
      names = "--storage",
      paramLabel = "KEY=VALUE",
      description =
          "A storage back-end setting (docs/storage.md), e.g. s3.endpoint=http://127.0.0.1:9000;"
              + " repeatable.")
  public List<String> storage = List.of();

  /** The configuration these options name; the passphrase is asked for here. */
  public NkmsConfig config() {
    StorageSettings settings = storageSettings();
    char[] passphrase = Passphrases.obtain(passphraseFile, keys.toString(), false);
    try {
      return NkmsConfig.builder()
          .home(home.toAbsolutePath())
          .network(network)
          .keys(keys)
          .passphrase(passphrase)
          .storage(settings)
          .build();
    } catch (NkmsException e) {
      throw UserError.from(e);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  /** What {@link #open} connected with (null before). */
  private NkmsConfig opened;

  /** Opens the keystore and the network: one {@link Nkms} for one command. */
  public Nkms open() {
    opened = config();
    return connect(opened);
  }

  /**
   * Where Alice's policy records are, once {@link #open} ran: what {@code nkms alice --store}
   * takes.
   */
  public Path policies() {
    return opened != null ? opened.policies() : home.resolve(".nkms").resolve("alice");
  }

  /** {@link Nkms#connect}, its failure as the user's one line. */
  public static Nkms connect(NkmsConfig config) {
    try {
      return Nkms.connect(config);
    } catch (NkmsException e) {
      throw UserError.from(e);
    }
  }

  /** The {@code --storage} settings; a malformed one is a usage error. */
  public StorageSettings storageSettings() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String s : storage) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new UserError(ExitCode.USAGE, "--storage takes KEY=VALUE, not '" + s + "'");
      }
      values.put(s.substring(0, eq), s.substring(eq + 1));
    }
    try {
      return StorageSettings.of(values);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, "--storage: " + e.getMessage());
    }
  }

  /**
   * A location as given on the command line ({@code file:/…}, {@code s3://bucket/key}, {@code
   * ipfs://CID}): a usage error unless it is an absolute URI.
   */
  public static URI location(String text, String what) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new UserError(
          ExitCode.USAGE,
          what + " '" + text + "' is not a location (file:/…, s3://bucket/key, ipfs://CID)");
    }
    if (!uri.isAbsolute()) {
      throw new UserError(
          ExitCode.USAGE,
          what
              + " '"
              + text
              + "' has no scheme: give a location such as file:/path, s3://bucket/key or"
              + " ipfs://CID");
    }
    return uri;
  }
}
