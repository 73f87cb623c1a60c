package dev.nkms.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the nkms contracts of one network live: the JSON file {@code nkms chain dev} writes and
 * every {@code --chain} command reads.
 */
public record Deployment(
    String url,
    long chainId,
    String domain,
    String token,
    String staking,
    String policies,
    String adjudicator,
    String healthRounds) {

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final ObjectMapper JSON = new ObjectMapper();

  public Deployment {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(domain, "domain");
    for (String a : new String[] {token, staking, policies, adjudicator, healthRounds}) {
      if (a == null || !ADDRESS.matcher(a).matches()) {
        throw new IllegalArgumentException("not a contract address: " + a);
      }
    }
  }

  public void save(Path file) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("url", url)
        .put("chain_id", chainId)
        .put("domain", domain)
        .put("token", token)
        .put("staking", staking)
        .put("policies", policies)
        .put("adjudicator", adjudicator)
        .put("health_rounds", healthRounds);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
  }

  public static Deployment load(Path file) throws ChainException {
    try {
      JsonNode o = JSON.readTree(Files.readString(file));
      return new Deployment(
          text(o, "url"),
          o.path("chain_id").asLong(),
          text(o, "domain"),
          text(o, "token"),
          text(o, "staking"),
          text(o, "policies"),
          text(o, "adjudicator"),
          text(o, "health_rounds"));
    } catch (IOException | IllegalArgumentException e) {
      throw new ChainException("deployment file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return v.asText();
  }

  /**
   * The same contracts reached through another URL (a deployment file names the URL it was made
   * with).
   */
  public Deployment at(String otherUrl) {
    return new Deployment(
        otherUrl, chainId, domain, token, staking, policies, adjudicator, healthRounds);
  }
}
