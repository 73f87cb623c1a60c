package dev.nkms.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A small readable HTML rendering of the status JSON, for people with a browser; nested values
 * become tables.
 */
final class StatusPage {
  private StatusPage() {}

  static String render(JsonNode status) {
    StringBuilder sb =
        new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>nkms node ")
            .append(esc(status.path("address").asText()))
            .append(
                "</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left;"
                    + "vertical-align:top}th{color:#555}table table{border-left:2px solid #ddd}</style></head><body>"
                    + "<h1>nkms node</h1>");
    table(sb, status);
    return sb.append("</body></html>").toString();
  }

  private static void table(StringBuilder sb, JsonNode object) {
    sb.append("<table>");
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      sb.append("<tr><th>").append(esc(e.getKey())).append("</th><td>");
      value(sb, e.getValue());
      sb.append("</td></tr>");
    }
    sb.append("</table>");
  }

  private static void value(StringBuilder sb, JsonNode v) {
    if (v.isObject()) {
      table(sb, v);
    } else if (v.isArray()) {
      sb.append("<table>");
      for (JsonNode item : v) {
        sb.append("<tr><td>");
        value(sb, item);
        sb.append("</td></tr>");
      }
      sb.append("</table>");
    } else {
      sb.append(esc(v.asText()));
    }
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
