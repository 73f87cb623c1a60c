package dev.nkms.storage.ipfs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The small JSON answers of the Kubo RPC API, read strictly: one object and nothing after it;
 * numbers as {@link java.math.BigDecimal} so a size is checked exactly. Anything else is {@link
 * IllegalArgumentException}.
 */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private Json() {}

  /** The answer as an object (JSON null values as Java null). */
  static Map<String, Object> object(String text) {
    try {
      Map<String, Object> m = MAPPER.readValue(text, new TypeReference<Map<String, Object>>() {});
      if (m == null) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return m;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
    }
  }
}
