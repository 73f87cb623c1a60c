package dev.nkms.app.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server from {@code tools/NAME} (an npm package with a {@code serve.js}, such as s3rver in
 * {@code tools/s3} or js-ipfs in {@code tools/ipfs}) as a child process for demos: started with
 * node, ready once it prints a line matching a pattern (group 1: its port) within a timeout,
 * stopped by closing its stdin (each serve.js exits then, so it also dies with this JVM), destroyed
 * if it does not. Its stderr goes to a log file. (The storage tests' {@code ToolServer} does the
 * same for the tests; storage may not depend on app, so the two are kept apart and small.)
 */
public final class NpmServer implements AutoCloseable {
  /** System property naming the tools directory; the launcher sets the environment variable. */
  public static final String PROPERTY = "nkms.tools";

  public static final String ENV = "NKMS_TOOLS";

  private final String name;
  private final Process process;
  private final int port;

  private NpmServer(String name, Process process, int port) {
    this.name = name;
    this.process = process;
    this.port = port;
  }

  /**
   * Runs {@code node TOOLS/NAME/serve.js ARGS…} once {@code TOOLS/NAME/node_modules/PACKAGE} is
   * installed, its stderr appended to {@code log}, and waits up to {@code timeout} for the ready
   * line.
   */
  public static NpmServer start(
      String name, String npmPackage, Pattern ready, List<String> args, Path log, Duration timeout)
      throws IOException {
    Path tool = tool(name);
    if (!Files.isDirectory(tool.resolve("node_modules").resolve(npmPackage))) {
      throw new IOException(
          npmPackage
              + " is not installed in "
              + tool
              + " (./nkms installs it on first use; by hand: npm install there)");
    }
    List<String> cmd = new ArrayList<>(List.of("node", tool.resolve("serve.js").toString()));
    cmd.addAll(args);
    Process p;
    try {
      p =
          new ProcessBuilder(cmd)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IOException("cannot run node (Node.js 20 is needed): " + e.getMessage(), e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                // The ready line, past anything a dependency prints first; end of output: failed.
                for (String line; (line = out.readLine()) != null; ) {
                  Matcher m = ready.matcher(line.strip());
                  if (m.matches()) {
                    return Integer.parseInt(m.group(1));
                  }
                }
              } catch (IOException e) {
                // the process went away: no port
              }
              return -1;
            });
    int found;
    try {
      found = port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      found = -2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      found = -1;
    } catch (ExecutionException e) {
      found = -1;
    }
    if (found < 0) {
      p.destroyForcibly();
      throw new IOException(
          name
              + " server "
              + (found == -2
                  ? "was not ready within " + timeout.toSeconds() + " s"
                  : "did not start")
              + " (see "
              + log
              + ")");
    }
    // Whatever it prints later is drained, so that a full pipe never blocks it.
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // discard
                }
              } catch (IOException e) {
                // closed
              }
            },
            "nkms-" + name + "-stdout");
    drain.setDaemon(true);
    drain.start();
    return new NpmServer(name, p, found);
  }

  /** {@code TOOLS/NAME}: see {@link #toolsDir}. */
  public static Path tool(String name) throws IOException {
    return toolsDir(name).resolve(name);
  }

  /**
   * The tools directory: system property {@value #PROPERTY}, else {@code $NKMS_TOOLS} (the launcher
   * sets it), else the {@code tools} directory of the nearest enclosing directory that has {@code
   * tools/NAME} (the repository, from any of its modules).
   */
  public static Path toolsDir(String name) throws IOException {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("tools").resolve(name))) {
        return d.resolve("tools");
      }
    }
    throw new IOException(
        "cannot find tools/" + name + " above " + Path.of("").toAbsolutePath() + "; set " + ENV);
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** Closes its stdin (the server exits), waits up to 20 s, then destroys it. Idempotent. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
