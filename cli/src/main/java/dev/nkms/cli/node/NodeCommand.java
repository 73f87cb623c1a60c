package dev.nkms.cli.node;

import static dev.nkms.node.config.NodeDataDir.CONFIG;
import static dev.nkms.node.config.NodeDataDir.KEYSTORE;
import static dev.nkms.node.config.NodeDataDir.METADATA;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.Passphrases;
import dev.nkms.cli.UserError;
import dev.nkms.crypto.keystore.KeystoreException;
import dev.nkms.node.NodeRuntime;
import dev.nkms.node.config.ConfigException;
import dev.nkms.node.config.NodeConfig;
import dev.nkms.node.config.NodeConfigLoader;
import dev.nkms.node.identity.NodeIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bouncycastle.util.encoders.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms node init|run}. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a re-encryption node.",
    subcommands = {NodeCommand.Init.class, NodeCommand.Run.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms node init --data-dir node-a --port 9151",
      "  nkms node run --data-dir node-a"
    })
public final class NodeCommand {

  /** Exit 2 with what to do when DIR holds no node (before any passphrase is asked for). */
  public static void requireNode(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      throw new UserError(
          ExitCode.USAGE,
          "no node in "
              + dataDir
              + " (no such directory); create one with"
              + " `./nkms node init --data-dir "
              + dataDir
              + "`");
    }
    if (!Files.isRegularFile(dataDir.resolve(KEYSTORE))) {
      throw new UserError(
          ExitCode.USAGE,
          "no node in "
              + dataDir
              + " (no "
              + KEYSTORE
              + "); create one with"
              + " `./nkms node init --data-dir "
              + dataDir
              + "`");
    }
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Create a node: identity keys, TLS certificate (encrypted keystore, mode 0600) and node.yaml.",
        "The keystore passphrase comes from NKMS_PASSPHRASE or --passphrase-file (else it is asked for)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  NKMS_PASSPHRASE=… nkms node init --data-dir node-a",
        "  nkms node init --data-dir node-b --port 9152 --public-host node-b.example.org --passphrase-file pass"
      })
  public static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        required = true,
        description = "Directory for the node's files (created if missing).")
    Path dataDir;

    @Option(
        names = "--host",
        defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--public-host", description = "Host clients use (default: --host).")
    String publicHost;

    @Option(
        names = "--port",
        defaultValue = "9151",
        description = "Port; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--passphrase-file",
        paramLabel = "FILE",
        description =
            "File holding the new keystore's passphrase (default: NKMS_PASSPHRASE, else asked).")
    Path passphraseFile;

    @Override
    public Integer call() throws IOException, dev.nkms.crypto.keystore.KeystoreException {
      Path keystore = dataDir.resolve(KEYSTORE);
      if (Files.exists(keystore)) {
        throw new UserError(
            ExitCode.FAILED,
            "a node already exists in "
                + dataDir
                + " ("
                + keystore
                + "); refusing to overwrite it — choose another --data-dir");
      }
      if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
        throw new UserError(
            ExitCode.USAGE, dataDir + " is a file, not a directory; choose another --data-dir");
      }
      if (port < 0 || port > 65535) {
        throw new UserError(ExitCode.USAGE, "--port must be between 0 and 65535, not " + port);
      }
      Files.createDirectories(dataDir);
      String pub = publicHost == null ? host : publicHost;
      char[] passphrase = Passphrases.obtain(passphraseFile, "the new node keystore", true);
      NodeIdentity identity = NodeIdentity.generate(List.of(pub), Clock.systemUTC());
      try {
        identity.save(keystore, passphrase);
      } finally {
        java.util.Arrays.fill(passphrase, '\0');
      }
      Files.writeString(
          dataDir.resolve(CONFIG),
          "# nkms node configuration (environment NKMS_NODE_* and flags override)\n"
              + "host: "
              + host
              + "\npublic-host: "
              + pub
              + "\nport: "
              + port
              + "\n",
          StandardCharsets.UTF_8);
      java.io.PrintWriter out = spec.commandLine().getOut();
      if (output.json) {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("address", identity.address().toHex());
        doc.put("data_dir", dataDir.toString());
        doc.put("tls_fingerprint_sha256", Hex.toHexString(identity.tlsFingerprint()));
        JsonOutput.print(out, doc);
      } else {
        out.println("node " + identity.address().toHex() + " created in " + dataDir);
        out.println(
            "TLS certificate fingerprint (SHA-256): " + Hex.toHexString(identity.tlsFingerprint()));
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run the node in the foreground until stopped (Ctrl-C or SIGTERM).",
        "Settings come from DATA_DIR/node.yaml (or --config), then NKMS_NODE_* environment variables, then flags.",
        "The keystore passphrase comes from NKMS_PASSPHRASE or --passphrase-file (else it is asked for)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  NKMS_PASSPHRASE=… nkms node run --data-dir node-a",
        "  nkms node run --data-dir node-b --peer 127.0.0.1:9151 --federation net/federation --registry net/registry",
        "  nkms node run --data-dir node-c --chain .nkms/chain/deployment.json --on-chain"
      })
  public static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        required = true,
        description = "The node's directory, made by `nkms node init`.")
    Path dataDir;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "YAML file (default: DATA_DIR/node.yaml if present).")
    Path config;

    @Option(
        names = "--host",
        description =
            "Address to listen on (default: node.yaml, NKMS_NODE_HOST, else "
                + NodeConfig.DEFAULT_HOST
                + ").")
    String host;

    @Option(
        names = "--public-host",
        description =
            "Host clients use (default: node.yaml, NKMS_NODE_PUBLIC_HOST," + " else --host).")
    String publicHost;

    @Option(
        names = "--port",
        description =
            "Port (default: node.yaml, NKMS_NODE_PORT, else " + NodeConfig.DEFAULT_PORT + ").")
    Integer port;

    @Option(
        names = "--max-request-bytes",
        paramLabel = "BYTES",
        description =
            "Largest request body accepted"
                + " (default: node.yaml, NKMS_NODE_MAX_REQUEST_BYTES, else "
                + NodeConfig.DEFAULT_MAX_REQUEST_BYTES
                + ").")
    Long maxRequestBytes;

    @Option(
        names = "--max-capsules-per-request",
        paramLabel = "N",
        description =
            "Most capsules in one"
                + " re-encryption request (default: node.yaml, NKMS_NODE_MAX_CAPSULES_PER_REQUEST, else "
                + NodeConfig.DEFAULT_MAX_CAPSULES_PER_REQUEST
                + ").")
    Integer maxCapsules;

    @Option(
        names = "--max-concurrent-requests",
        paramLabel = "N",
        description =
            "Requests served at once; more"
                + " wait (default: node.yaml, NKMS_NODE_MAX_CONCURRENT_REQUESTS, else "
                + NodeConfig.DEFAULT_MAX_CONCURRENT_REQUESTS
                + ").")
    Integer maxConcurrent;

    @Option(
        names = "--max-policies-per-alice",
        paramLabel = "N",
        description =
            "On a network without payments, how"
                + " many policies one Alice key may keep at this node: live ones plus revoked ids it never held (default:"
                + " node.yaml, NKMS_NODE_MAX_POLICIES_PER_ALICE, else 1000).")
    Integer maxPoliciesPerAlice;

    @Option(
        names = "--peer",
        paramLabel = "HOST:PORT",
        split = ",",
        description = "host:port of a running node to learn the network from" + " (repeatable).")
    List<String> peers;

    @Option(
        names = "--domain",
        description =
            "The network's name, which must match the registry's (default:"
                + " node.yaml, NKMS_NODE_DOMAIN, else "
                + NodeConfig.DEFAULT_DOMAIN
                + ").")
    String domain;

    @Option(
        names = "--federation",
        paramLabel = "FILE",
        description = "The federation's keys and threshold (trust anchor).")
    Path federation;

    @Option(
        names = "--registry",
        paramLabel = "FILE",
        description = "The federation-signed node registry with stakes.")
    Path registry;

    @Option(
        names = "--passphrase-file",
        paramLabel = "FILE",
        description =
            "File holding the keystore's passphrase (default: NKMS_PASSPHRASE, else asked).")
    Path passphraseFile;

    @Mixin dev.nkms.cli.chain.ChainOptions chain;

    @Option(
        names = "--on-chain",
        description =
            "Use the staking contract as the registry, require on-chain payment"
                + " for kfrags, vote in health rounds and withdraw fees to the operator (with --chain). The node sends its"
                + " transactions from its own address, so it needs a little ETH (`nkms stake deposit` sends some).")
    boolean onChain;

    @Option(
        names = "--vote-interval",
        paramLabel = "DURATION",
        defaultValue = "2s",
        description =
            "How often the"
                + " node looks at health rounds, with --on-chain (default: ${DEFAULT-VALUE}).")
    String voteInterval;

    @Option(
        names = "--fee-interval",
        paramLabel = "DURATION",
        defaultValue = "1h",
        description =
            "How often the"
                + " node withdraws accrued fees, with --on-chain (default: ${DEFAULT-VALUE}).")
    String feeInterval;

    @Override
    public Integer call() throws Exception {
      java.time.Duration votes =
          dev.nkms.cli.characters.Times.duration(voteInterval, "--vote-interval");
      java.time.Duration fees =
          dev.nkms.cli.characters.Times.duration(feeInterval, "--fee-interval");
      NodeCommand.requireNode(dataDir);
      Map<String, String> flags = new HashMap<>();
      put(flags, "peers", peers == null ? null : String.join(",", peers));
      put(flags, "domain", domain);
      put(flags, "federation", federation);
      put(flags, "registry", registry);
      flags.put("data-dir", dataDir.toString());
      put(flags, "host", host);
      put(flags, "public-host", publicHost);
      put(flags, "port", port);
      put(flags, "max-request-bytes", maxRequestBytes);
      put(flags, "max-capsules-per-request", maxCapsules);
      put(flags, "max-concurrent-requests", maxConcurrent);
      put(flags, "max-policies-per-alice", maxPoliciesPerAlice);
      Path yaml = config != null ? config : dataDir.resolve(CONFIG);
      NodeConfig cfg;
      try {
        cfg =
            NodeConfigLoader.load(
                Files.exists(yaml) || config != null ? Optional.of(yaml) : Optional.empty(),
                System.getenv(),
                flags);
      } catch (ConfigException e) {
        throw new UserError(ExitCode.USAGE, e.getMessage());
      }
      char[] passphrase =
          Passphrases.obtain(passphraseFile, "node keystore " + dataDir.resolve(KEYSTORE), false);
      NodeIdentity identity;
      try {
        identity = NodeIdentity.load(dataDir.resolve(KEYSTORE), passphrase);
      } catch (KeystoreException e) {
        throw new UserError(ExitCode.FAILED, e.getMessage());
      } finally {
        java.util.Arrays.fill(passphrase, '\0');
      }
      // NKMS_DEV_FAULT=corrupt-cfrags makes this node cheat on purpose, for end-to-end tests of
      // Bob's defences.
      String fault = System.getenv().getOrDefault("NKMS_DEV_FAULT", "");
      dev.nkms.node.NodePlugins plugins = dev.nkms.node.NodePlugins.none();
      if (onChain || chain.given()) {
        if (chain.namesAnAccount()) {
          throw new UserError(
              ExitCode.USAGE,
              "a node sends its transactions with its own key (its address is "
                  + identity.address().toHex()
                  + "); --account and --eth-key are for operators' commands");
        }
        dev.nkms.chain.Deployment d = chain.deployment();
        if (!d.domain().equals(cfg.domain())) {
          throw new UserError(
              ExitCode.USAGE,
              "the contracts are for network '"
                  + d.domain()
                  + "' but this node is configured for '"
                  + cfg.domain()
                  + "'");
        }
        try {
          plugins = dev.nkms.app.chain.ChainNode.plugins(d, identity, votes, fees);
        } catch (dev.nkms.chain.ChainException e) {
          throw new UserError(ExitCode.UNREACHABLE, e.getMessage());
        }
      }
      NodeRuntime runtime =
          fault.equals("corrupt-cfrags")
              ? NodeRuntime.startWithFault(
                  cfg,
                  identity,
                  Clock.systemUTC(),
                  dev.nkms.node.service.ReencryptionService.DevFault.CORRUPT_CFRAGS,
                  plugins)
              : NodeRuntime.start(cfg, identity, Clock.systemUTC(), plugins);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    runtime.close();
                    stopped.countDown();
                  },
                  "nkms-shutdown"));
      Path metadataFile = dataDir.resolve(METADATA);
      Path tmp = dataDir.resolve(METADATA + ".tmp");
      Files.writeString(
          tmp, Hex.toHexString(runtime.metadata().toBytes()) + "\n", StandardCharsets.UTF_8);
      Files.move(
          tmp,
          metadataFile,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      spec.commandLine()
          .getOut()
          .println(
              "node "
                  + identity.address().toHex()
                  + " serving on https://"
                  + runtime.metadata().host()
                  + ":"
                  + runtime.port());
      spec.commandLine().getOut().flush();
      stopped.await();
      return ExitCode.OK;
    }

    private static void put(Map<String, String> flags, String key, Object value) {
      if (value != null) {
        flags.put(key, value.toString());
      }
    }
  }
}
