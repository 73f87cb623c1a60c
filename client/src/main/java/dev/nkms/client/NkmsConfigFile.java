package dev.nkms.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nkms.client.NkmsException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The file layer of {@link NkmsConfig}: strict, total, and never a place for the passphrase. */
final class NkmsConfigFile {
  private NkmsConfigFile() {}

  /**
   * The settings in {@code file}: a YAML mapping of known names to single values ({@code peers} may
   * also be a list).
   *
   * @throws NkmsException (invalid input) naming the file, and the setting where one is at fault
   */
  static Map<String, String> read(Path file, List<String> settings) {
    String source = "config file " + file;
    byte[] bytes;
    try {
      if (Files.size(file) > NkmsConfig.MAX_FILE_BYTES) {
        throw new NkmsException(
            Kind.INVALID_INPUT, source + " is larger than " + NkmsConfig.MAX_FILE_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new NkmsException(Kind.INVALID_INPUT, source + " cannot be read: " + e.getMessage());
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = yaml.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          source
              + " is not valid YAML: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new NkmsException(Kind.INVALID_INPUT, source + " cannot be read: " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    if (!root.isObject()) {
      throw new NkmsException(
          Kind.INVALID_INPUT, source + " must be a mapping of settings (key: value lines)");
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      if (key.equals("passphrase")) {
        throw NkmsConfig.invalid(
            key,
            source,
            "does not belong in a file that is not secret; use passphrase-file or "
                + NkmsConfig.PASSPHRASE_ENV);
      }
      if (!settings.contains(key)) {
        throw NkmsConfig.invalid(
            NkmsConfig.echo(key),
            source,
            "is not a setting; known: " + String.join(", ", settings));
      }
      JsonNode v = e.getValue();
      if (key.equals("peers") && v.isArray()) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : v) {
          if (!item.isValueNode()) {
            throw NkmsConfig.invalid(key, source, "must list host:port values");
          }
          items.add(item.asText());
        }
        out.put(key, String.join(",", items));
        continue;
      }
      if (v.isNull() || v.isContainerNode()) {
        throw NkmsConfig.invalid(key, source, "must be a single value");
      }
      out.put(key, v.asText());
    }
    return out;
  }
}
