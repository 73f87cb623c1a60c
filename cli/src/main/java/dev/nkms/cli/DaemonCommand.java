package dev.nkms.cli;

import dev.nkms.client.Nkms;
import dev.nkms.client.NkmsConfig;
import dev.nkms.client.NkmsException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.daemon.Daemon;
import dev.nkms.daemon.DaemonOptions;
import dev.nkms.storage.StorageSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms daemon}: the local API server for applications in any language (docs/api.md), until
 * Ctrl-C or SIGTERM. One user's keystore serves as Alice, Bob and Enrico; the token is written 0600
 * to the state directory at each start.
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the nkms API over HTTP on loopback (docs/api.md; OpenAPI at /openapi.json, the web console at /)"
          + " with one user's keys, until Ctrl-C.",
      "Every /v1 request needs the token the daemon writes (0600) to STATE/daemon.token at each start."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms daemon --keys alice.keys",
      "  nkms daemon --keys alice.keys --port 0 --storage s3.endpoint=http://127.0.0.1:9000 --json",
      "  curl -H \"Authorization: Bearer $(cat .nkms/daemon/daemon.token)\" http://127.0.0.1:7420/v1/policies"
    })
public final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      required = true,
      description = "The user's keystore.")
  Path keys;

  @Option(names = "--passphrase-file", paramLabel = "FILE", description = Passphrases.HELP)
  Path passphraseFile;

  @Option(
      names = "--network",
      paramLabel = "DIR",
      defaultValue = dev.nkms.client.connect.NetworkDirectory.DEFAULT,
      description = "Network directory to learn the nodes from (default: ${DEFAULT-VALUE}).")
  Path network;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "Where .nkms/alice (policy records, the object index) lives, shared with `nkms alice` (default: the"
              + " current directory).")
  Path home;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      defaultValue = ".nkms/daemon",
      description =
          "Where the token (and with TLS the certificate) is written (default: ${DEFAULT-VALUE}).")
  Path state;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = DaemonOptions.DEFAULT_HOST,
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}); a non-loopback one needs --allow-remote.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + DaemonOptions.DEFAULT_PORT,
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one and prints it).")
  int port;

  @Option(
      names = "--tls",
      description = "Serve HTTPS (a certificate drawn at start, written to STATE/daemon.crt).")
  boolean tls;

  @Option(
      names = "--allow-remote",
      description =
          "Allow a non-loopback --host; TLS is then always on. The daemon holds your keys: think twice.")
  boolean allowRemote;

  @Option(
      names = "--storage",
      paramLabel = "KEY=VALUE",
      description =
          "A storage back-end setting (docs/storage.md), e.g. s3.endpoint=http://127.0.0.1:9000; repeatable.")
  List<String> storage = List.of();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DaemonOptions options;
    try {
      options = new DaemonOptions(host, port, tls, allowRemote, state.toAbsolutePath());
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
    char[] passphrase = Passphrases.obtain(passphraseFile, keys.toString(), false);
    NkmsConfig config;
    try {
      config =
          NkmsConfig.builder()
              .home(home.toAbsolutePath())
              .network(network)
              .keys(keys)
              .passphrase(passphrase)
              .storage(storageSettings())
              .build();
    } catch (NkmsException e) {
      throw userError(e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (Nkms nkms = connect(config);
        Daemon daemon = Daemon.start(nkms, options, Clock.systemUTC(), RandomSource.secure())) {
      Thread hook = new Thread(stopped::countDown, "nkms-daemon-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      if (output.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", daemon.url());
        m.put("token_file", daemon.tokenFile().toString());
        m.put("certificate", options.tls() ? options.certificateFile().toString() : null);
        JsonOutput.print(out, m);
      } else {
        out.println(
            "nkms daemon on "
                + daemon.url()
                + " — token in "
                + daemon.tokenFile()
                + "; Ctrl-C stops it");
        if (options.tls()) {
          output.info(err, "its certificate: " + options.certificateFile() + " (curl --cacert it)");
        }
        output.info(err, "the web console: open " + daemon.url() + "/ and paste the token");
      }
      out.flush();
      stopped.await();
    } catch (IOException e) {
      throw new UserError(ExitCode.FAILED, "the daemon could not start: " + e.getMessage());
    }
    return ExitCode.OK;
  }

  private Nkms connect(NkmsConfig config) {
    try {
      return Nkms.connect(config);
    } catch (NkmsException e) {
      throw userError(e);
    }
  }

  private StorageSettings storageSettings() {
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

  static UserError userError(NkmsException e) {
    int code =
        switch (e.kind()) {
          case INVALID_INPUT -> ExitCode.USAGE;
          case UNREACHABLE -> ExitCode.UNREACHABLE;
          case FAILED -> ExitCode.FAILED;
        };
    return new UserError(code, e.getMessage(), e.details());
  }
}
