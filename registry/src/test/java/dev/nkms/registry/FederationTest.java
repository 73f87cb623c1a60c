package dev.nkms.registry;

import static dev.nkms.registry.Fixtures.MEMBERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.PublicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FederationTest {
  @TempDir Path dir;

  private static String hex(int i) {
    return MEMBERS[i].verifyingKey().toHex();
  }

  @Test
  void savesAndLoadsTheSameFederationWithMembersInKeyOrder() throws Exception {
    Federation f =
        Federation.of(
            "test-net",
            2,
            List.of(
                MEMBERS[2].verifyingKey(), MEMBERS[0].verifyingKey(), MEMBERS[1].verifyingKey()));
    Path file = dir.resolve("federation");
    f.save(file);
    Federation back = Federation.load(file);
    assertThat(back).isEqualTo(f).hasSameHashCodeAs(f);
    assertThat(back.domain()).isEqualTo("test-net");
    assertThat(back.threshold()).isEqualTo(2);
    assertThat(back.members())
        .containsExactlyInAnyOrder(
            MEMBERS[0].verifyingKey(), MEMBERS[1].verifyingKey(), MEMBERS[2].verifyingKey());
    assertThat(back.members())
        .isSortedAccordingTo(
            (a, b) ->
                java.util.Arrays.compareUnsigned(a.toCompressedBytes(), b.toCompressedBytes()));
    assertThat(back.isMember(MEMBERS[1].verifyingKey())).isTrue();
    assertThat(back.isMember(MEMBERS[3].verifyingKey())).isFalse();
    assertThat(Files.exists(dir.resolve("federation.tmp"))).isFalse();
    assertThat(back.format()).isEqualTo(f.format());
  }

  @Test
  void acceptsCommentsBlankLinesAnyOrderAndUpperCaseHex() throws Exception {
    String text =
        "# the test federation\n\n  member "
            + hex(1).toUpperCase()
            + "\r\nthreshold\t1\n"
            + "# another comment\nmember "
            + hex(0)
            + "  \ndomain test-net\n";
    Federation f = Federation.parse(text, "f");
    assertThat(f).isEqualTo(Fixtures.federation(1, 2));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "unknown setting      | domain test-net;threshold 1;members KEY0                 | f line 3: unknown setting 'members' (expected domain, threshold or member)",
        "three words          | domain test-net;threshold 1 2;member KEY0                | f line 2: expected '<setting> <value>', got 'threshold 1 2'",
        "one word             | domain test-net;threshold;member KEY0                    | f line 2: expected '<setting> <value>', got 'threshold'",
        "threshold zero       | domain test-net;threshold 0;member KEY0                  | f line 2: threshold: expected a number from 1 to 16, got '0'",
        "threshold 17         | domain test-net;threshold 17;member KEY0                 | f line 2: threshold: expected a number from 1 to 16, got '17'",
        "leading zero         | domain test-net;threshold 01;member KEY0                 | f line 2: threshold: expected a number from 1 to 16, got '01'",
        "threshold twice      | domain test-net;threshold 1;threshold 1;member KEY0      | f line 3: threshold: given twice",
        "threshold too high   | domain test-net;threshold 2;member KEY0                  | f line 2: threshold: 2 is more than the 1 member(s)",
        "bad domain           | domain Test;threshold 1;member KEY0                      | f line 1: domain: a domain is 1 to 32 characters of a-z, 0-9 and '-', got 'Test'",
        "domain twice         | domain a;domain b;threshold 1;member KEY0                | f line 2: domain: given twice",
        "short key            | domain a;threshold 1;member 02abcd                       | f line 3: member: expected a compressed public key (66 hex digits), got '02abcd'",
        "uncompressed prefix  | domain a;threshold 1;member 04KEY0TAIL                   | f line 3: member: Invalid public key",
        "duplicate member     | domain a;threshold 1;member KEY0;member KEY0             | f line 4: member: KEY0 is listed twice",
        "no domain            | threshold 1;member KEY0                                  | f: no 'domain' line",
        "no threshold         | domain a;member KEY0                                     | f: no 'threshold' line",
        "no member            | domain a;threshold 1                                     | f: no 'member' line"
      })
  void refusesMalformedFilesNamingTheLine(String name, String lines, String message) {
    String text =
        lines
            .replace(";", "\n")
            .replace("04KEY0TAIL", "04" + hex(0).substring(2))
            .replace("KEY0", hex(0));
    assertThatThrownBy(() -> Federation.parse(text, "f"))
        .isInstanceOf(RegistryFormatException.class)
        .hasMessageStartingWith(message.replace("KEY0", hex(0)));
  }

  @Test
  void refusesASeventeenthMember() {
    StringBuilder sb = new StringBuilder("domain a\nthreshold 1\n");
    for (int i = 0; i < 17; i++) {
      sb.append("member ").append(hex(i)).append('\n');
    }
    assertThatThrownBy(() -> Federation.parse(sb.toString(), "f"))
        .isInstanceOf(RegistryFormatException.class)
        .hasMessage("f line 19: member: more than 16 members");
  }

  @Test
  void refusesAFileThatIsNotUtf8NamingTheFile() throws Exception {
    Path file = dir.resolve("bad");
    Files.write(file, new byte[] {'d', 'o', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> Federation.load(file))
        .isInstanceOf(RegistryFormatException.class)
        .hasMessage(file + ": not valid UTF-8");
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "domain a\nthreshold x\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Federation.load(wrong))
        .hasMessageStartingWith(wrong + " line 2: threshold:");
  }

  @Test
  void ofChecksItsArguments() {
    List<PublicKey> two = List.of(MEMBERS[0].verifyingKey(), MEMBERS[1].verifyingKey());
    assertThatThrownBy(() -> Federation.of("a", 3, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the threshold must be 1 to 2 (the members), got 3");
    assertThatThrownBy(() -> Federation.of("a", 0, two))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Federation.of("a", 1, List.of()))
        .hasMessage("a federation has 1 to 16 members, got 0");
    assertThatThrownBy(
            () ->
                Federation.of(
                    "a", 1, List.of(MEMBERS[0].verifyingKey(), MEMBERS[0].verifyingKey())))
        .hasMessage("federation members must be distinct keys");
    assertThatThrownBy(() -> Federation.of("A", 1, two))
        .isInstanceOf(IllegalArgumentException.class);
    List<PublicKey> seventeen = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      seventeen.add(MEMBERS[i].verifyingKey());
    }
    assertThatThrownBy(() -> Federation.of("a", 1, seventeen))
        .hasMessage("a federation has 1 to 16 members, got 17");
    assertThat(Federation.of("a", 16, seventeen.subList(0, 16)).members()).hasSize(16);
  }
}
