package dev.nkms.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/http-api.md and the code's vocabulary say the same: every route and every error code, with
 * its status.
 */
class HttpVocabularyDocTest {
  private static final Pattern ERROR_ROW = Pattern.compile("(?m)^\\| (\\d{3}) \\| `([a-z-]+)` \\|");
  private static final Pattern ROUTE_CELL =
      Pattern.compile("(?m)^\\| `(GET|POST) (/[a-z0-9/-]*)` \\|");

  @Test
  void everyErrorCodeIsInTheDocsTableWithItsStatusAndNothingElseIs() throws IOException {
    String doc = httpApiDoc();
    Set<String> documented = new TreeSet<>();
    for (Matcher m = ERROR_ROW.matcher(doc); m.find(); ) {
      documented.add(m.group(1) + " " + m.group(2));
    }
    Set<String> coded =
        Arrays.stream(ErrorCode.values())
            .map(c -> c.status() + " " + c.wire())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(documented).as("the Errors table of docs/http-api.md").isEqualTo(coded);
  }

  @Test
  void everyRouteIsInTheDocsTableAndNothingElseIs() throws IOException {
    String doc = httpApiDoc();
    Set<String> documented = new TreeSet<>();
    for (Matcher m = ROUTE_CELL.matcher(doc); m.find(); ) {
      documented.add(m.group(1) + " " + m.group(2));
    }
    Set<String> coded =
        Arrays.stream(Routes.values())
            .map(Routes::display)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(documented).as("the endpoint table of docs/http-api.md").isEqualTo(coded);
  }

  @Test
  void codesAndPathsAreUniqueAndFromWireIsExact() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).distinct())
        .hasSize(ErrorCode.values().length);
    assertThat(Arrays.stream(Routes.values()).map(Routes::path).distinct())
        .hasSize(Routes.values().length);
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(ErrorCode.fromWire(c.wire())).contains(c);
      assertThat(c.status()).isBetween(400, 599);
      assertThat(c.meaning()).isNotBlank();
    }
    assertThat(ErrorCode.fromWire("Revoked")).isEmpty();
    assertThat(ErrorCode.fromWire(" revoked")).isEmpty();
    assertThat(ErrorCode.fromWire("REVOKED")).isEmpty();
    assertThat(ErrorCode.fromWire("")).isEmpty();
    assertThat(ErrorCode.fromWire(null)).isEmpty();
  }

  /**
   * The doc at the repository root, found from the module directory the build runs the tests in.
   */
  private static String httpApiDoc() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path doc = dir.resolve("docs").resolve("http-api.md");
      if (Files.isRegularFile(doc)) {
        return Files.readString(doc, StandardCharsets.UTF_8);
      }
    }
    throw new IOException("docs/http-api.md not found above " + Path.of("").toAbsolutePath());
  }
}
