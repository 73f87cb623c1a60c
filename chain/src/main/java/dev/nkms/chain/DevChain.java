package dev.nkms.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * A local development chain: ganache 7.9.2 (from {@code tools/chain}) as a subprocess on a free
 * loopback port, with {@link #ACCOUNTS} funded accounts whose keys are derived from fixed labels
 * (so a test, the CLI and the demo all know them). It mines a block per transaction; time moves
 * only when told ({@link Chain#increaseTime}).
 */
public final class DevChain implements AutoCloseable {
  public static final int ACCOUNTS = 24;
  public static final long CHAIN_ID = 1337;
  private static final String READY = "RPC Listening on";

  private final Process process;
  private final String url;

  private DevChain(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Starts ganache from {@code tools} (the {@code tools/chain} directory with its npm packages
   * installed).
   */
  public static DevChain start(Path tools) throws ChainException {
    return start(tools, false);
  }

  /**
   * Like {@link #start(Path)}; with {@code frozenClock} block timestamps do not follow the wall
   * clock, they move only when told ({@link Chain#increaseTime}), so amounts that accrue per second
   * are exact in tests.
   */
  public static DevChain start(Path tools, boolean frozenClock) throws ChainException {
    Path cli = tools.resolve("node_modules/ganache/dist/node/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new ChainException(
          "ganache is not installed: " + cli + " is missing (run npm ci in " + tools + ")");
    }
    ChainException last = null;
    for (int attempt = 0;
        attempt < 3;
        attempt++) { // the free port can be taken between probing and binding
      try {
        return launch(cli, freePort(), frozenClock);
      } catch (ChainException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * The {@code tools/chain} directory: {@code $NKMS_CHAIN_TOOLS}, or the nearest enclosing
   * directory that has one.
   */
  public static Path findTools() throws ChainException {
    String env = System.getenv("NKMS_CHAIN_TOOLS");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("tools/chain");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate;
      }
    }
    throw new ChainException(
        "cannot find tools/chain above " + Path.of("").toAbsolutePath() + "; set NKMS_CHAIN_TOOLS");
  }

  private static DevChain launch(Path cli, int port, boolean frozenClock) throws ChainException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "node",
                cli.toString(),
                "--server.host",
                "127.0.0.1",
                "--server.port",
                Integer.toString(port),
                "--chain.chainId",
                Long.toString(CHAIN_ID),
                "--chain.hardfork",
                "shanghai",
                "--miner.blockGasLimit",
                "60000000",
                "--logging.quiet",
                "false"));
    if (frozenClock) {
      cmd.addAll(List.of("--miner.timestampIncrement", "0"));
    }
    for (int i = 0; i < ACCOUNTS; i++) {
      cmd.add("--wallet.accounts");
      cmd.add(
          Numeric.toHexStringWithPrefixZeroPadded(key(i), 64)
              + ",0x"
              + BigInteger.TEN.pow(24).toString(16));
    }
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new ChainException("cannot start node for ganache: " + e.getMessage(), e);
    }
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (!ready.isDone()) {
                    synchronized (log) {
                      log.append(line).append('\n');
                    }
                    if (line.contains(READY)) {
                      ready.complete(true);
                    }
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
              ready.complete(false);
            },
            "ganache-output");
    reader.setDaemon(true);
    reader.start();
    boolean up;
    try {
      up = ready.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      up = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      up = false;
    }
    if (!up) {
      p.destroyForcibly();
      String out;
      synchronized (log) {
        out = log.toString();
      }
      throw new ChainException("ganache did not start on port " + port + ":\n" + out);
    }
    return new DevChain(p, "http://127.0.0.1:" + port);
  }

  private static int freePort() throws ChainException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new ChainException("no free loopback port: " + e.getMessage(), e);
    }
  }

  /**
   * The secret key of dev account {@code i}: SHA-256("nkms dev account " ‖ i), a valid secp256k1
   * scalar.
   */
  static BigInteger key(int i) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(("nkms dev account " + i).getBytes(StandardCharsets.US_ASCII));
      return new BigInteger(1, h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Dev account {@code i} (0 deploys; the CLI gives 1.. to node operators and the last ones to
   * Alice and Bob).
   */
  public static Credentials account(int i) {
    if (i < 0 || i >= ACCOUNTS) {
      throw new IllegalArgumentException("dev accounts are 0.." + (ACCOUNTS - 1) + ", not " + i);
    }
    return Credentials.create(Numeric.toHexStringWithPrefixZeroPadded(key(i), 64));
  }

  public String url() {
    return url;
  }

  public Optional<Long> pid() {
    return Optional.of(process.pid());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Blocks until the chain process ends (used by {@code nkms chain dev}). */
  public void awaitExit() throws InterruptedException {
    process.waitFor();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
