package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command: the narrated network demo runs to its end and tells the whole story.
 */
class DemoCommandTest {
  @Test
  void networkDemoRunsEndToEnd() {
    CliRunner r = CliRunner.run("demo");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out)
        .contains("Five independent nodes start")
        .contains("decrypted correctly")
        .contains("is killed with SIGKILL")
        .contains("signed receipt")
        .contains("the revocation reaches it now: signed receipt")
        .contains("refused: PolicyRevoked")
        .contains("all 5 know the other 4 and agree on fleet state")
        .contains("all 6 nodes know it, and its registry update spread by gossip")
        .contains("— including node-6")
        .doesNotContain("WITHOUT the newcomer")
        .contains("network stopped (6 node processes)")
        .doesNotContain("MISMATCH")
        .doesNotContain("UNEXPECTED");
  }

  @Test
  void chainDemoTellsTheEconomicStoryEndToEnd() {
    CliRunner r = CliRunner.run("demo", "--chain");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out)
        .contains("node-4 0x")
        .contains("stake 40000 NKMS")
        .contains("Alice paid 1 ETH into the policy contract for 5 nodes")
        .contains("node-4's cfrag fails its proof")
        .contains("decrypted correctly")
        .contains("node-4 slashed: stake 40000 NKMS → 39000 NKMS")
        .contains("Bob, the investigator, was paid 500 NKMS")
        .contains("refused: reverted: this evidence was already adjudicated")
        .contains("5 nodes confirmed the revocation")
        // 10 of 30 days refunds 2/3 of the fee, less the seconds the demo itself takes on the chain
        // clock
        // (about 0.0000004 ETH per second: a loaded machine took 17 s, which broke a tighter
        // prefix).
        .containsPattern("refund 0\\.6666[0-9]+ ETH after 10 of 30 days")
        .doesNotContain("MISMATCH")
        .doesNotContain("UNEXPECTED");
  }

  @Test
  void umbralDemoRunsEndToEnd() {
    CliRunner r = CliRunner.run("demo", "umbral");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out)
        .contains("rejected: Failed to verify reencryption proof")
        .contains("Bob read exactly what Enrico wrote");
  }

  @Test
  void appDemoTellsTheDropboxStoryEndToEnd(@TempDir Path dir) throws Exception {
    CliRunner r = CliRunner.run("demo", "app", "--dir", dir.toString());
    assertThat(r.exitCode).as(r.toString()).isZero();
    for (String who : new String[] {"alice", "bob"}) {
      String token = Files.readString(dir.resolve(who + "/state/daemon.token")).strip();
      assertThat(token).isNotEmpty();
      assertThat(r.out + r.err).as("never prints a token").doesNotContain(token);
    }
    assertThat(r.out)
        .contains("5 nodes on 127.0.0.1")
        .contains("with bucket 'dropbox'")
        .contains("Alice's daemon knows 5 nodes")
        .contains("s3://dropbox/photos/beach.jpg")
        .containsPattern("ipfs://b[a-z2-7]+ .*sealed on IPFS")
        .contains("lists 4 objects")
        .contains("on label s3://dropbox/photos/: 3-of-5 nodes")
        .contains(
            "Bob's script: read s3://dropbox/photos/beach.jpg: beach.jpg — sunset over the bay")
        .contains("Bob's script: read s3://dropbox/photos/birthday.jpg: birthday.jpg")
        .contains("state revoked, 5 signed receipts")
        .contains("Bob's script: refused s3://dropbox/photos/beach.jpg: revoked — ")
        .contains(": unpinned")
        .contains("content addressing cannot unpublish")
        .contains("network stopped (5 node processes)")
        .contains("S3 server stopped")
        .contains("IPFS daemon stopped")
        .doesNotContain("Bearer")
        .doesNotContain("MISMATCH")
        .doesNotContain("UNEXPECTED");
  }
}
