package dev.nkms.storage.ipfs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for the small JSON answers of the Kubo RPC API (objects, arrays, strings,
 * numbers, literals), so the module needs no JSON library. Objects become maps, arrays lists,
 * numbers {@link BigDecimal}, {@code null} {@link #NULL}. Anything malformed, or trailing text, is
 * {@link IllegalArgumentException}.
 */
final class Json {
  /** JSON {@code null} (a map cannot hold Java null). */
  static final Object NULL = new Object();

  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    Json p = new Json(text);
    p.space();
    Object value = p.value();
    p.space();
    if (p.at != text.length()) {
      throw p.error("text after the value");
    }
    return value;
  }

  /** The answer as an object, or {@link IllegalArgumentException}. */
  static Map<String, Object> object(String text) {
    if (parse(text) instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return map;
    }
    throw new IllegalArgumentException("not a JSON object");
  }

  private Object value() {
    if (at >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("a value");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    at++; // {
    space();
    if (peek('}')) {
      at++;
      return map;
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw error("a key");
      }
      String key = string();
      space();
      expect(':');
      space();
      if (map.put(key, value()) != null) {
        throw error("no repeated key " + key);
      }
      space();
      if (peek(',')) {
        at++;
        continue;
      }
      expect('}');
      return map;
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    at++; // [
    space();
    if (peek(']')) {
      at++;
      return list;
    }
    while (true) {
      space();
      list.add(value());
      space();
      if (peek(',')) {
        at++;
        continue;
      }
      expect(']');
      return list;
    }
  }

  private String string() {
    at++; // "
    StringBuilder s = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("the end of a string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return s.toString();
      }
      if (c < 0x20) {
        throw error("no control character in a string");
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("an escape");
      }
      char e = text.charAt(at++);
      switch (e) {
        case '"', '\\', '/' -> s.append(e);
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("four hex digits");
          }
          try {
            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException x) {
            throw error("four hex digits");
          }
          at += 4;
        }
        default -> throw error("a valid escape");
      }
    }
  }

  private BigDecimal number() {
    int start = at;
    if (peek('-')) {
      at++;
    }
    if (peek('0')) {
      at++;
    } else {
      digits();
    }
    if (peek('.')) {
      at++;
      digits();
    }
    if (peek('e') || peek('E')) {
      at++;
      if (peek('+') || peek('-')) {
        at++;
      }
      digits();
    }
    return new BigDecimal(text.substring(start, at));
  }

  private void digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    if (at == start) {
      throw error("a digit");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error(word);
    }
    at += word.length();
    return value;
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "'");
    }
    at++;
  }

  private IllegalArgumentException error(String wanted) {
    return new IllegalArgumentException("malformed JSON at " + at + ": expected " + wanted);
  }
}
