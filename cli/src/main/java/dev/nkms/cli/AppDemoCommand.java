package dev.nkms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.app.network.LocalNetwork;
import dev.nkms.app.tools.NpmServer;
import dev.nkms.client.Nkms;
import dev.nkms.client.NkmsConfig;
import dev.nkms.client.connect.UserKeys;
import dev.nkms.crypto.RandomSource;
import dev.nkms.daemon.Daemon;
import dev.nkms.daemon.DaemonOptions;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.storage.StorageSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The "decentralized Dropbox" story, as an application sees nkms: a 5-node network, a real
 * S3-protocol server and an IPFS daemon on loopback, Alice's and Bob's daemons; Alice writes a
 * folder of photos to S3 and a file to IPFS through her daemon's HTTP API and shares the folder;
 * Bob reads through his daemon from a Node.js script (plain fetch); Alice revokes and Bob is
 * refused; Alice deletes the IPFS object (unpinned).
 *
 * <p>Why this file is long: it is one narration read top to bottom (nine steps, each with its
 * checks and its UNEXPECTED line), plus the few helpers it alone uses (the calls to the daemons'
 * HTTP API, running Bob's script, stopping everything on failure). Splitting the story would make
 * it harder to follow; the HTTP helpers are the part to move out if another demo needs them.
 */
@Command(
    name = "app",
    mixinStandardHelpOptions = true,
    description =
        "Narrated \"decentralized Dropbox\": files on a local S3 server and IPFS written through"
            + " Alice's daemon, a folder shared, Bob reads from a Node.js client through his daemon,"
            + " Alice revokes, Bob is refused.",
    footerHeading = "%nExamples:%n",
    footer = {"  nkms demo app", "  nkms demo app --dir /tmp/demo-app"})
public final class AppDemoCommand implements Callable<Integer> {
  private static final String BUCKET = "dropbox";
  private static final String FOLDER = "s3://" + BUCKET + "/photos/";
  private static final Pattern S3_READY = Pattern.compile("\\{\"port\":(\\d+)}");
  private static final Pattern IPFS_READY =
      Pattern.compile("\\{\"api\":\"http://127\\.0\\.0\\.1:(\\d+)\"}");
  private static final Duration SERVER_START = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin OutputOptions output;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where the network, the servers' data, keystores and daemon state go (default: a fresh"
              + " temporary directory, deleted afterwards).")
  Path dir;

  /** What to stop, last started first; run once, at the end or from the shutdown hook (Ctrl-C). */
  private final Deque<Stoppable> started = new ArrayDeque<>();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private interface Stoppable {
    void stop() throws Exception;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Narrator say = new Narrator(out, output.quiet);
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("nkms-demo-app-") : dir;
    Files.createDirectories(work);
    Thread hook = new Thread(() -> stopAll(null), "nkms-demo-app-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run(say, work);
    } finally {
      stopAll(say);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs (and finds nothing left to stop)
      }
      if (temporary) {
        deleteTree(work);
      }
    }
  }

  private int run(Narrator say, Path work) throws Exception {
    say.title(
        "nkms demo app — a decentralized Dropbox: files on S3 and IPFS, shared through the nkms"
            + " daemon");

    say.step("Five independent nodes start (separate processes, HTTPS, keys in keystores)");
    LocalNetwork network = new LocalNetwork(work.resolve("network"), Main.class.getName());
    onStop(
        () -> {
          int n = network.down(Duration.ofSeconds(10));
          if (n > 0) {
            noteStopped("network stopped (" + n + " node processes)");
          }
        });
    List<NodeMetadata> nodes = network.up(5, Duration.ofSeconds(90), line -> {}).nodes();
    say.item(
        nodes.size()
            + " nodes on 127.0.0.1, ports "
            + String.join(", ", nodes.stream().map(n -> String.valueOf(n.port())).toList()));

    say.step("A local S3-protocol server (s3rver) and an IPFS daemon (js-ipfs, offline) start");
    Path logs = Files.createDirectories(work.resolve("logs"));
    NpmServer s3 =
        NpmServer.start(
            "s3",
            "s3rver",
            S3_READY,
            List.of(Files.createDirectories(work.resolve("s3")).toString(), BUCKET),
            logs.resolve("s3.log"),
            SERVER_START);
    onStop(
        () -> {
          s3.close();
          noteStopped("S3 server stopped");
        });
    say.item("S3 at http://127.0.0.1:" + s3.port() + " with bucket '" + BUCKET + "'");
    NpmServer ipfs =
        NpmServer.start(
            "ipfs",
            "ipfs",
            IPFS_READY,
            List.of(work.resolve("ipfs").toString()),
            logs.resolve("ipfs.log"),
            SERVER_START);
    onStop(
        () -> {
          ipfs.close();
          noteStopped("IPFS daemon stopped");
        });
    say.item("IPFS (Kubo RPC API) at http://127.0.0.1:" + ipfs.port() + ", no peers");
    StorageSettings storage =
        StorageSettings.of(
            Map.of(
                "s3.endpoint", "http://127.0.0.1:" + s3.port(),
                "s3.region", "us-east-1",
                "s3.access_key_id", "S3RVER",
                "s3.secret_access_key", "S3RVER",
                "ipfs.api", "http://127.0.0.1:" + ipfs.port()));

    say.step(
        "Alice and Bob each make an encrypted keystore and run an nkms daemon (HTTP on loopback)");
    Endpoint alice = daemon("alice", work, network, storage);
    Endpoint bob = daemon("bob", work, network, storage);
    say.item("Alice's daemon at " + alice.url + ", Bob's at " + bob.url);
    say.note("each wrote its bearer token 0600 into its state directory; nothing here prints it");
    say.item("Alice's daemon knows " + awaitNodes(alice, nodes.size()) + " nodes");

    say.step("Alice writes three photos to " + FOLDER + " and one file to IPFS — HTTP calls only");
    Map<String, String> photos = new LinkedHashMap<>();
    photos.put("beach.jpg", "beach.jpg — sunset over the bay, July");
    photos.put("mountains.jpg", "mountains.jpg — the ridge at dawn, August");
    photos.put("birthday.jpg", "birthday.jpg — the cake, before anyone touched it");
    List<String> locations = new ArrayList<>();
    for (Map.Entry<String, String> p : photos.entrySet()) {
      byte[] content = photo(p.getValue());
      JsonNode w = call(alice, "PUT", "/v1/objects?location=" + q(FOLDER + p.getKey()), content);
      locations.add(w.get("location").asText());
      say.item(w.get("location").asText() + "  " + w.get("size").asLong() + " bytes, sealed on S3");
    }
    JsonNode onIpfs =
        call(
            alice,
            "PUT",
            "/v1/objects?location=" + q("ipfs:/") + "&label=" + q("notes"),
            photo("notes.txt — the trip, day by day"));
    String cid = onIpfs.get("location").asText();
    say.item(cid + "  " + onIpfs.get("size").asLong() + " bytes, sealed on IPFS (label 'notes')");
    JsonNode index = call(alice, "GET", "/v1/objects", null).get("objects");
    say.item("Alice's index (GET /v1/objects) lists " + index.size() + " objects");
    say.note("the servers hold only ciphertext: the daemon encrypted each file as Enrico");

    say.step("Alice shares the folder " + FOLDER + " with Bob for one day (POST /v1/policies)");
    String card = call(bob, "GET", "/v1/identity", null).get("card").asText();
    say.item("Bob sent Alice his card (public keys; GET /v1/identity on his daemon)");
    JsonNode share =
        call(
                alice,
                "POST",
                "/v1/policies",
                json(Map.of("bob", card, "path", FOLDER, "expires", "1d")))
            .get("policies")
            .get(0);
    String policy = share.get("policy").asText();
    say.item(
        "policy "
            + policy
            + " on label "
            + share.get("label").asText()
            + ": "
            + share.get("threshold").asInt()
            + "-of-"
            + share.get("shares").asInt()
            + " nodes");
    Path map = work.resolve("bob/treasure-map");
    Files.writeString(map, share.get("treasure_map").asText(), StandardCharsets.US_ASCII);
    say.item("Alice hands Bob the treasure map (signed by her, encrypted to him)");

    say.step("Bob reads through his daemon from a Node.js script (plain fetch, no nkms code)");
    Path script = NpmServer.tool("demo").resolve("bob.mjs");
    say.note("node tools/demo/bob.mjs BOB_DAEMON TOKEN_FILE MAP_FILE LOCATION…");
    int code = bobReads(say, script, bob, map, locations);
    if (code != 0) {
      say.done("UNEXPECTED: Bob's script could not read the shared folder (exit " + code + ")");
      return ExitCode.FAILED;
    }

    say.step("Alice revokes the policy (POST /v1/policies/" + shortId(policy) + "…/revoke)");
    JsonNode revoked = call(alice, "POST", "/v1/policies/" + policy + "/revoke", null);
    say.item(
        "state "
            + revoked.get("state").asText()
            + ", "
            + revoked.get("receipts").asInt()
            + " signed receipts from the nodes");

    say.step("Bob's script tries again");
    code = bobReads(say, script, bob, map, locations.subList(0, 1));
    if (code != 1) {
      say.done("UNEXPECTED: Bob's script was not refused after the revocation (exit " + code + ")");
      return ExitCode.FAILED;
    }

    say.step("Alice deletes the IPFS object (DELETE /v1/objects)");
    JsonNode deleted = call(alice, "DELETE", "/v1/objects?location=" + q(cid), null);
    say.item(cid + ": " + deleted.get("result").asText());
    say.note(
        "content addressing cannot unpublish: an IPFS node that fetched those blocks keeps serving"
            + " them under the CID;");
    say.note(
        "they are sealed, and the policy (never granted here, or revoked) is what protects them");

    say.done(
        "Alice's files lived on S3 and IPFS as ciphertext; Bob read the shared folder from JavaScript"
            + " through his daemon, and was refused once Alice revoked.");
    return ExitCode.OK;
  }

  /** A daemon's address, its token (used, never printed) and the token's file. */
  private record Endpoint(String url, String token, Path tokenFile) {
    @Override
    public String toString() {
      return "daemon at " + url;
    }
  }

  private Endpoint daemon(String name, Path work, LocalNetwork network, StorageSettings storage)
      throws Exception {
    String who = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    Path home = Files.createDirectories(work.resolve(name));
    Path keys = home.resolve(name + ".keys");
    char[] passphrase =
        Base64.getEncoder().encodeToString(RandomSource.secure().nextBytes(24)).toCharArray();
    UserKeys.random(RandomSource.secure()).write(keys, passphrase);
    NkmsConfig config =
        NkmsConfig.builder()
            .home(home)
            .environment(Map.of())
            .network(network.dir())
            .keys(keys)
            .passphrase(passphrase)
            .threshold(3)
            .shares(5)
            .storageDefault(Files.createDirectories(home.resolve("store")).toUri())
            .storage(storage)
            .build();
    Nkms nkms = Nkms.connect(config);
    onStop(nkms::close);
    Daemon d =
        Daemon.start(
            nkms,
            DaemonOptions.loopback(0, home.resolve("state")),
            Clock.systemUTC(),
            RandomSource.secure());
    onStop(
        () -> {
          d.close();
          noteStopped(who + "'s daemon stopped");
        });
    String token = Files.readString(d.tokenFile(), StandardCharsets.US_ASCII).strip();
    return new Endpoint(d.url(), token, d.tokenFile());
  }

  /** Polls the daemon's node list (bounded) until it knows {@code count} nodes. */
  private int awaitNodes(Endpoint daemon, int count) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    int known = 0;
    while (Instant.now().isBefore(deadline)) {
      known = call(daemon, "GET", "/v1/nodes", null).get("nodes").size();
      if (known >= count) {
        return known;
      }
      Thread.sleep(200); // polling the daemon's learner, not waiting for time
    }
    throw new UserError(
        ExitCode.FAILED,
        "Alice's daemon learned only " + known + " of " + count + " nodes in 60 s");
  }

  /** Runs Bob's script, narrates each line it prints, returns its exit code. */
  private int bobReads(Narrator say, Path script, Endpoint bob, Path map, List<String> locations)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("node", script.toString(), bob.url, bob.tokenFile.toString(), map.toString()));
    cmd.addAll(locations);
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UserError(
          ExitCode.FAILED, "cannot run node (Node.js 20 is needed): " + e.getMessage());
    }
    p.getOutputStream().close();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new UserError(ExitCode.FAILED, "Bob's script did not finish within 120 s");
    }
    // A refusal's detail goes on with what each node said: its first clause is the story.
    printed.lines().forEach(line -> say.item("Bob's script: " + firstClause(line)));
    return p.exitValue();
  }

  private JsonNode call(Endpoint to, String method, String path, Object body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(to.url + path))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + to.token);
    if (body instanceof byte[] raw) {
      b.method(method, BodyPublishers.ofByteArray(raw))
          .header("Content-Type", "application/octet-stream");
    } else if (body instanceof String text) {
      b.method(method, BodyPublishers.ofString(text)).header("Content-Type", "application/json");
    } else {
      b.method(method, BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      String detail = r.body();
      try {
        JsonNode problem = JSON.readTree(r.body());
        detail = problem.path("reason").asText() + " — " + problem.path("detail").asText();
      } catch (IOException e) {
        // not a problem document: show the body as it is
      }
      throw new UserError(
          ExitCode.FAILED,
          method
              + " "
              + path.replaceAll("\\?.*", "")
              + " answered "
              + r.statusCode()
              + ": "
              + detail);
    }
    return JSON.readTree(r.body());
  }

  private static String json(Map<String, String> members) throws IOException {
    return JSON.writeValueAsString(members);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String firstClause(String line) {
    int cut = line.indexOf("; ");
    return cut > 0 ? line.substring(0, cut) : line;
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** A small stand-in for a photo: a caption line, then some bytes. */
  private static byte[] photo(String caption) {
    StringBuilder s = new StringBuilder(caption).append('\n');
    for (int i = 0; i < 200; i++) {
      s.append("pixel row ").append(i).append(": ").append("#".repeat(48)).append('\n');
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private Narrator stopping;

  private void noteStopped(String what) {
    if (stopping != null) {
      stopping.note(what);
    }
  }

  private synchronized void onStop(Stoppable s) {
    started.push(s);
  }

  /** Stops everything started, last first; each failure is reported and the rest still stopped. */
  private synchronized void stopAll(Narrator say) {
    stopping = say;
    while (!started.isEmpty()) {
      Stoppable s = started.pop();
      try {
        s.stop();
      } catch (Exception e) {
        if (say != null) {
          say.note("while stopping: " + e.getMessage());
        }
      }
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      // best effort: a temp dir left behind is harmless
    }
  }
}
