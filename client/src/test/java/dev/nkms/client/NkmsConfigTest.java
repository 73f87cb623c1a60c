package dev.nkms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.client.NetworkSource.ChainSource;
import dev.nkms.client.NetworkSource.FederatedSource;
import dev.nkms.client.NetworkSource.NetworkDirectorySource;
import dev.nkms.protocol.PeerAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NkmsConfigTest {
  @TempDir Path home;

  private NkmsConfig.Builder builder(Map<String, String> env) {
    return NkmsConfig.builder().home(home).environment(env);
  }

  private Path defaultFile(String yaml) throws Exception {
    Path f = home.resolve(NkmsConfig.DEFAULT_FILE);
    Files.createDirectories(f.getParent());
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void theDefaultFileIsReadAndItsRelativePathsResolveAgainstItsDirectory() throws Exception {
    Path f = defaultFile("network: net\nkeys: me.keys\nthreshold: 2\nshares: 3\n");
    NkmsConfig c = builder(Map.of()).build();
    assertThat(c.network()).isEqualTo(new NetworkDirectorySource(f.getParent().resolve("net")));
    assertThat(c.keys()).isEqualTo(f.getParent().resolve("me.keys"));
    assertThat(c.threshold()).isEqualTo(2);
    assertThat(c.shares()).isEqualTo(3);
    assertThat(c.policies()).isEqualTo(home.resolve(".nkms/alice"));
    assertThat(c.knownNodes())
        .isEqualTo(f.getParent().resolve("net").resolve("client-known-nodes"));
  }

  @Test
  void theEnvironmentOverridesTheFileAndTheBuilderOverridesBoth() throws Exception {
    defaultFile("network: /from/file\nkeys: /file.keys\nshares: 4\n");
    NkmsConfig c = builder(Map.of("NKMS_KEYS", "/env.keys", "NKMS_SHARES", "6")).shares(7).build();
    assertThat(c.keys()).isEqualTo(Path.of("/env.keys"));
    assertThat(c.shares()).isEqualTo(7);
    assertThat(c.network()).isEqualTo(new NetworkDirectorySource(Path.of("/from/file")));
  }

  @Test
  void storageBackEndSettingsComeFromTheFileAndTheEnvironmentUnderTheBuilders() throws Exception {
    defaultFile(
        "network: net\nkeys: me.keys\ns3.endpoint: http://127.0.0.1:9000\ns3.path_style: true\n"
            + "ipfs.api: http://127.0.0.1:5001\n");
    NkmsConfig c =
        builder(Map.of("NKMS_S3_REGION", "eu-west-1", "NKMS_IPFS_API", "http://10.0.0.2:5001"))
            .storage(dev.nkms.storage.StorageSettings.of(Map.of("s3.path_style", "false")))
            .build();
    assertThat(c.storage().get("s3.endpoint")).contains("http://127.0.0.1:9000");
    assertThat(c.storage().get("s3.region")).contains("eu-west-1");
    assertThat(c.storage().get("ipfs.api"))
        .as("the environment over the file")
        .contains("http://10.0.0.2:5001");
    assertThat(c.storage().get("s3.path_style")).as("the builder over both").contains("false");
  }

  @Test
  void s3CredentialsAreNotAcceptedFromTheFile() throws Exception {
    defaultFile("network: net\nkeys: me.keys\ns3.secret_access_key: hunter2\n");
    assertThatThrownBy(() -> builder(Map.of()).build())
        .isInstanceOf(NkmsException.class)
        .hasMessageContaining("s3.secret_access_key")
        .hasMessageContaining("is not a setting")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void namingTheNetworkInALaterLayerReplacesTheEarlierOne() throws Exception {
    defaultFile("network: /from/file\nkeys: /k\n");
    NkmsConfig c =
        builder(Map.of("NKMS_DEPLOYMENT", "/d.json", "NKMS_PEERS", "10.0.0.1:9151")).build();
    assertThat(c.network())
        .isEqualTo(new ChainSource(Path.of("/d.json"), List.of(new PeerAddress("10.0.0.1", 9151))));
    NkmsConfig f =
        builder(Map.of())
            .federated(Path.of("/f"), Path.of("/r"), List.of(new PeerAddress("h", 1)))
            .build();
    assertThat(f.network())
        .isEqualTo(
            new FederatedSource(Path.of("/f"), Path.of("/r"), List.of(new PeerAddress("h", 1))));
  }

  @Test
  void aGivenFileIsReadInsteadOfTheDefaultAndPeersMayBeAList() throws Exception {
    defaultFile("network: /ignored\nkeys: /k\n");
    Path other = home.resolve("other.yaml");
    Files.writeString(other, "federation: /f\nregistry: /r\npeers:\n  - a:1\n  - b:2\nkeys: /k\n");
    NkmsConfig c = builder(Map.of()).file(other).build();
    assertThat(c.network())
        .isEqualTo(
            new FederatedSource(
                Path.of("/f"),
                Path.of("/r"),
                List.of(new PeerAddress("a", 1), new PeerAddress("b", 2))));
  }

  @Test
  void badSettingsAreRefusedWithTheSettingAndItsSource() throws Exception {
    assertThatThrownBy(() -> builder(Map.of("NKMS_KEYS", "/k")).build())
        .isInstanceOf(NkmsException.class)
        .hasMessageStartingWith("no network configured");
    assertThatThrownBy(() -> builder(Map.of("NKMS_NETWORK", "/n")).build())
        .hasMessageStartingWith("keys (not set anywhere)");
    assertThatThrownBy(
            () ->
                builder(Map.of("NKMS_NETWORK", "/n", "NKMS_KEYS", "/k", "NKMS_SHARES", "five"))
                    .build())
        .hasMessage("shares (environment) must be a whole number from 1 to 9999, not 'five'");
    assertThatThrownBy(
            () ->
                builder(Map.of())
                    .network(Path.of("/n"))
                    .keys(Path.of("/k"))
                    .threshold(4)
                    .shares(3)
                    .build())
        .hasMessageContaining("m = 4 is more than n = 3");
    assertThatThrownBy(() -> builder(Map.of("NKMS_FEDERATION", "/f", "NKMS_KEYS", "/k")).build())
        .hasMessageContaining("needs both federation and registry");
    assertThatThrownBy(
            () ->
                builder(Map.of("NKMS_FEDERATION", "/f", "NKMS_REGISTRY", "/r", "NKMS_KEYS", "/k"))
                    .build())
        .hasMessageContaining("needs at least one peer");
    assertThatThrownBy(
            () ->
                builder(Map.of("NKMS_DEPLOYMENT", "/d", "NKMS_PEERS", "nohost", "NKMS_KEYS", "/k"))
                    .build())
        .hasMessage("peers (environment) holds 'nohost', not host:port");

    defaultFile("network: /n\nkeys: /k\npasword-file: x\n");
    assertThatThrownBy(() -> builder(Map.of()).build())
        .isInstanceOfSatisfying(
            NkmsException.class,
            e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT))
        .hasMessageContaining("pasword-file")
        .hasMessageContaining("is not a setting")
        .hasMessageNotContaining("hunter2");
    defaultFile("network: /n\nkeys: /k\npassphrase: hunter2\n");
    assertThatThrownBy(() -> builder(Map.of()).build())
        .hasMessageContaining("use passphrase-file")
        .hasMessageNotContaining("hunter2");
    defaultFile("network: [unclosed\n");
    assertThatThrownBy(() -> builder(Map.of()).build()).hasMessageContaining("is not valid YAML");
    defaultFile("- a\n- b\n");
    assertThatThrownBy(() -> builder(Map.of()).build()).hasMessageContaining("must be a mapping");
  }

  @Test
  void thePassphraseComesFromTheBuilderTheEnvironmentOrItsFileAndIsNeverInToString()
      throws Exception {
    NkmsConfig.Builder b =
        builder(Map.of("NKMS_PASSPHRASE", "from-env")).network(Path.of("/n")).keys(Path.of("/k"));
    assertThat(b.build().passphrase()).isEqualTo("from-env".toCharArray());
    assertThat(b.passphrase("from-code".toCharArray()).build().passphrase())
        .isEqualTo("from-code".toCharArray());
    Path file = home.resolve("pass");
    Files.writeString(file, "from-file\n");
    NkmsConfig c =
        builder(Map.of()).network(Path.of("/n")).keys(Path.of("/k")).passphraseFile(file).build();
    assertThat(c.passphrase()).isEqualTo("from-file".toCharArray());
    assertThat(c.toString()).doesNotContain("from-file");
    assertThatThrownBy(
            () -> builder(Map.of()).network(Path.of("/n")).keys(Path.of("/k")).build().passphrase())
        .hasMessageStartingWith("no passphrase for /k");
  }

  @Test
  void theObjectIndexAndTheDefaultStoreLiveUnderHomeUnlessSetInTheFileTheEnvironmentOrCode()
      throws Exception {
    NkmsConfig c = builder(Map.of()).network(Path.of("/n")).keys(Path.of("/k")).build();
    assertThat(c.objects()).isEqualTo(home.resolve(".nkms/alice/objects"));
    assertThat(c.storageDefault())
        .isEqualTo(java.net.URI.create("file:" + home.toAbsolutePath() + "/.nkms/store/"));

    Path f = defaultFile("network: /n\nkeys: /k\nobjects: idx\nstorage.default: s3://b/nkms/\n");
    c = builder(Map.of()).build();
    assertThat(c.objects()).isEqualTo(f.getParent().resolve("idx"));
    assertThat(c.storageDefault()).isEqualTo(java.net.URI.create("s3://b/nkms/"));

    c =
        builder(Map.of("NKMS_OBJECTS", "/env/idx", "NKMS_STORAGE_DEFAULT", "file:///srv/x/"))
            .build();
    assertThat(c.objects()).isEqualTo(Path.of("/env/idx"));
    assertThat(c.storageDefault()).isEqualTo(java.net.URI.create("file:/srv/x/"));

    c =
        builder(Map.of())
            .objects(Path.of("/code/idx"))
            .storageDefault(java.net.URI.create("S3://c/"))
            .build();
    assertThat(c.objects()).isEqualTo(Path.of("/code/idx"));
    assertThat(c.storageDefault()).isEqualTo(java.net.URI.create("s3://c/"));
  }

  @Test
  void aStorageDefaultThatIsNotAFolderPrefixIsRefusedAtBuild() {
    Map<String, String> cases =
        Map.of(
            "s3://b/nkms", "ending in /",
            "s3://b/x/?v=1", "ending in /",
            "ipfs:/", "cannot be on ipfs",
            "nkms/", "with a scheme",
            "s3://b /x/", "is not a URI");
    cases.forEach(
        (value, problem) ->
            assertThatThrownBy(
                    () ->
                        builder(Map.of("NKMS_STORAGE_DEFAULT", value))
                            .network(Path.of("/n"))
                            .keys(Path.of("/k"))
                            .build())
                .as(value)
                .isInstanceOfSatisfying(
                    NkmsException.class,
                    e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT))
                .hasMessageStartingWith("storage.default (environment)")
                .hasMessageContaining(problem));
  }
}
