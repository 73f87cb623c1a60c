package dev.nkms.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test server from {@code tools/NAME} (an npm package with a {@code serve.js}) as a child
 * process: started with node, ready once it prints a line matching the pattern (whose group 1 is
 * its port), stopped by closing its stdin. Missing node or package is a failure, not a skip:
 * ./run-tests installs them.
 */
public final class ToolServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private ToolServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Runs {@code node tools/NAME/serve.js ARGS…} once {@code tools/NAME/node_modules/PACKAGE} is
   * installed and waits for the ready line.
   */
  public static ToolServer start(String name, String npmPackage, Pattern ready, List<String> args)
      throws IOException {
    Path tools = toolsDir(name);
    if (!Files.isDirectory(tools.resolve("node_modules").resolve(npmPackage))) {
      throw new IllegalStateException(
          "the "
              + name
              + " test server is not installed: run `npm ci` in "
              + tools
              + " (./run-tests does this)");
    }
    List<String> cmd = new ArrayList<>(List.of("node", tools.resolve("serve.js").toString()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    // The ready line, past anything a dependency prints first; end of output means it failed.
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = ready.matcher(line.strip());
      if (m.matches()) {
        return new ToolServer(p, Integer.parseInt(m.group(1)));
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        name + " test server did not start (see its error output above)");
  }

  public int port() {
    return port;
  }

  private static Path toolsDir(String name) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("tools").resolve(name))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "tools/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("tools").resolve(name);
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
