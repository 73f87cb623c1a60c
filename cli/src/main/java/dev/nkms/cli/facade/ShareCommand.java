package dev.nkms.cli.facade;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.UserError;
import dev.nkms.cli.characters.Times;
import dev.nkms.cli.files.Inputs;
import dev.nkms.cli.files.OutputFile;
import dev.nkms.client.Nkms;
import dev.nkms.client.Share;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.BobCard;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms share}: grants Bob a label, or everything Alice wrote under a location prefix (one
 * policy per label), and writes a treasure map per policy (the facade's share).
 */
@Command(
    name = "share",
    mixinStandardHelpOptions = true,
    description = {
      "Give Bob m-of-n access to a label (--label), or to everything this Alice wrote under a"
          + " location prefix (--path: one policy per label; a prefix ending in / also covers what is"
          + " written straight into that folder later).",
      "Writes one treasure map per policy for Bob, never over an existing file: --map-out FILE for"
          + " a --label share, else files named POLICY.map in the --map-out directory (created if"
          + " missing). A label this Bob already holds a live policy for keeps it (its map is"
          + " written again only if missing)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms share --keys alice.keys --bob bob.card --label medical --expires 7d --map-out bob.map",
      "  nkms share --keys alice.keys --bob bob.card --path file:/srv/nkms/photos/ --expires 30d \\",
      "      -m 2 -n 3 --access-log --map-out maps/ --json"
    })
public final class ShareCommand implements Callable<Integer> {
  /** The default of --map-out: the current directory. */
  static final String HERE = ".";

  @Spec CommandSpec spec;

  @Mixin FacadeOptions facade;

  @Option(
      names = "--bob",
      paramLabel = "CARD",
      required = true,
      description = "Bob's card file (from `nkms keys generate`).")
  Path bobCard;

  @Option(names = "--label", paramLabel = "LABEL", description = "Share this label.")
  String label;

  @Option(
      names = "--path",
      paramLabel = "URI",
      description = "Share every label written under this location prefix (e.g. s3://b/photos/).")
  String path;

  @Option(
      names = "--expires",
      required = true,
      description = "When access ends: 30s, 10m, 2h, 7d, or an ISO instant.")
  String expires;

  @Option(
      names = {"-m", "--threshold"},
      description = "How many nodes Bob needs (m; default: the configured threshold, 3).")
  Integer threshold;

  @Option(
      names = {"-n", "--shares"},
      description = "How many nodes get a kfrag (n ≥ m; default: the configured shares, 5).")
  Integer shares;

  @Option(
      names = "--access-log",
      description = "Condition: nodes must log each access before answering.")
  boolean accessLog;

  @Option(
      names = "--map-out",
      paramLabel = "FILE|DIR",
      defaultValue = HERE,
      description =
          "Where the treasure maps go: a file (a --label share only) or a directory of POLICY.map"
              + " files (default: ${DEFAULT-VALUE}).")
  Path mapOut;

  @Override
  public Integer call() throws Exception {
    if ((label == null) == (path == null)) {
      throw new UserError(
          ExitCode.USAGE, "give one of --label LABEL or --path URI (what to share with Bob)");
    }
    URI prefix = path == null ? null : FacadeOptions.location(path, "--path");
    Instant expiry = Times.parse(expires, Instant.now(), "--expires");
    if (!expiry.isAfter(Instant.now())) {
      throw new UserError(ExitCode.USAGE, "--expires " + expires + " is in the past");
    }
    if (threshold != null && shares != null && (threshold < 1 || threshold > shares)) {
      throw new UserError(ExitCode.USAGE, "-m " + threshold + " -n " + shares + ": need 1 ≤ m ≤ n");
    }
    Inputs.check(bobCard, "card");
    boolean intoDirectory = Files.isDirectory(mapOut) || prefix != null;
    if (intoDirectory) {
      if (Files.exists(mapOut) && !Files.isDirectory(mapOut)) {
        throw new UserError(
            ExitCode.USAGE,
            "--map-out "
                + mapOut
                + " is a file; a --path share writes one map per policy: give a directory");
      }
    } else {
      OutputFile.check(mapOut, false, bobCard, facade.keys);
    }
    BobCard bob = Nkms.readCard(bobCard);
    Conditions conditions = accessLog ? Conditions.of(AccessLogging.REQUIRED) : Conditions.NONE;
    List<Share> granted;
    try (Nkms nkms = facade.open()) {
      int m = threshold != null ? threshold : nkms.defaultThreshold();
      int n = shares != null ? shares : nkms.defaultShares();
      if (m < 1 || m > n) {
        throw new UserError(ExitCode.USAGE, "-m " + m + " -n " + n + ": need 1 ≤ m ≤ n");
      }
      if (facade.output.progress()) {
        spec.commandLine()
            .getErr()
            .println("granting " + m + "-of-" + n + " access: delivering kfrags…");
      }
      granted =
          prefix == null
              ? List.of(nkms.share(bob, label, expiry, m, n, conditions))
              : nkms.share(bob, prefix, expiry, m, n, conditions);
    }
    List<Path> maps = new ArrayList<>();
    for (Share s : granted) {
      maps.add(writeMap(s, intoDirectory));
    }
    report(granted, maps);
    return ExitCode.OK;
  }

  private Path writeMap(Share s, boolean intoDirectory) {
    byte[] bytes = s.treasureMap();
    if (!intoDirectory) {
      OutputFile.write(mapOut, OutputFile.Kind.PUBLIC, false, bytes, bobCard, facade.keys);
      return mapOut;
    }
    try {
      Files.createDirectories(mapOut);
    } catch (IOException e) {
      throw new UserError(
          ExitCode.USAGE,
          "cannot create the directory "
              + mapOut
              + ": "
              + e.getMessage()
              + " (the policies stand)");
    }
    Path target = mapOut.resolve(s.policy().toHex() + ".map");
    try {
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
        return target; // the same live policy, shared before: its map is already there
      }
    } catch (IOException e) {
      // not readable: OutputFile says why it will not write there either
    }
    OutputFile.write(target, OutputFile.Kind.PUBLIC, false, bytes, bobCard, facade.keys);
    return target;
  }

  private void report(List<Share> granted, List<Path> maps) {
    PrintWriter out = spec.commandLine().getOut();
    if (facade.output.json) {
      List<Object> policies = new ArrayList<>();
      for (int i = 0; i < granted.size(); i++) {
        Share s = granted.get(i);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("policy", s.policy().toHex());
        o.put("label", s.label());
        o.put("threshold", s.threshold());
        o.put("shares", s.shares());
        o.put("expires", s.expiry().toString());
        o.put("map", maps.get(i).toString());
        policies.add(o);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("policies", policies);
      JsonOutput.print(out, doc);
      return;
    }
    for (int i = 0; i < granted.size(); i++) {
      Share s = granted.get(i);
      out.println(
          "policy "
              + s.policy().toHex()
              + " ("
              + s.label()
              + ") "
              + s.threshold()
              + "-of-"
              + s.shares()
              + " until "
              + s.expiry()
              + " → map "
              + maps.get(i));
    }
  }
}
