package dev.nkms.cli;

import dev.nkms.cli.facade.FacadeOptions;
import dev.nkms.client.Nkms;
import dev.nkms.client.NkmsConfig;
import dev.nkms.crypto.RandomSource;
import dev.nkms.daemon.Daemon;
import dev.nkms.daemon.DaemonOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
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

  @Mixin FacadeOptions facade;

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
    NkmsConfig config = facade.config();
    CountDownLatch stopped = new CountDownLatch(1);
    try (Nkms nkms = FacadeOptions.connect(config);
        Daemon daemon = Daemon.start(nkms, options, Clock.systemUTC(), RandomSource.secure())) {
      Thread hook = new Thread(stopped::countDown, "nkms-daemon-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      if (facade.output.json) {
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
          facade.output.info(
              err, "its certificate: " + options.certificateFile() + " (curl --cacert it)");
        }
        facade.output.info(err, "the web console: open " + daemon.url() + "/ and paste the token");
      }
      out.flush();
      stopped.await();
    } catch (IOException e) {
      throw new UserError(ExitCode.FAILED, "the daemon could not start: " + e.getMessage());
    }
    return ExitCode.OK;
  }
}
