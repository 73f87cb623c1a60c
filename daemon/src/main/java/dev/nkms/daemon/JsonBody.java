package dev.nkms.daemon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object, read strictly: one object, no duplicate or unknown members, each member
 * of the type its route says. Every refusal is a {@link BadRequest} naming the member.
 */
final class JsonBody {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ObjectNode object;

  private JsonBody(ObjectNode object) {
    this.object = object;
  }

  /** Parses {@code bytes} as one JSON object whose members are all in {@code allowed}. */
  static JsonBody parse(byte[] bytes, Set<String> allowed) {
    if (bytes.length == 0) {
      throw new BadRequest("the request needs a JSON object body");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new BadRequest(
          "the body is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new BadRequest("the body is not JSON");
    }
    if (!(node instanceof ObjectNode o)) {
      throw new BadRequest("the body must be a JSON object");
    }
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new BadRequest("unknown member \"" + clip(name) + "\"; expected one of " + allowed);
      }
    }
    return new JsonBody(o);
  }

  Optional<String> string(String name) {
    JsonNode v = object.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new BadRequest("\"" + name + "\" must be a string");
    }
    return Optional.of(v.asText());
  }

  String requiredString(String name) {
    return string(name).orElseThrow(() -> new BadRequest("\"" + name + "\" is required"));
  }

  Optional<Integer> integer(String name, int min, int max) {
    JsonNode v = object.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
      throw new BadRequest("\"" + name + "\" must be an integer from " + min + " to " + max);
    }
    return Optional.of(v.asInt());
  }

  Optional<JsonBody> object(String name, Set<String> allowed) {
    JsonNode v = object.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(MAPPER.writeValueAsBytes(v), allowed));
    } catch (BadRequest e) {
      throw new BadRequest("\"" + name + "\": " + e.getMessage());
    } catch (JsonProcessingException e) {
      throw new BadRequest("\"" + name + "\" is not a JSON object");
    }
  }

  Optional<Boolean> bool(String name) {
    JsonNode v = object.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw new BadRequest("\"" + name + "\" must be true or false");
    }
    return Optional.of(v.asBoolean());
  }

  byte[] requiredBase64(String name) {
    String text = requiredString(name);
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("\"" + name + "\" must be base64 (RFC 4648, standard alphabet)");
    }
  }

  private static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** A request the daemon refuses with 400 before calling the library. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
