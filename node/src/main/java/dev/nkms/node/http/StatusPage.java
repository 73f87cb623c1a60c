package dev.nkms.node.http;

import java.util.List;
import java.util.Map;

/** A small readable HTML rendering of the status JSON, for people with a browser; nested values become tables. */
final class StatusPage {
  private StatusPage() {}

  static String render(Map<String, Object> status) {
    StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>nkms node ")
        .append(esc(String.valueOf(status.get("address"))))
        .append("</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left;"
            + "vertical-align:top}th{color:#555}table table{border-left:2px solid #ddd}</style></head><body>"
            + "<h1>nkms node</h1>");
    table(sb, status);
    return sb.append("</body></html>").toString();
  }

  private static void table(StringBuilder sb, Map<?, ?> map) {
    sb.append("<table>");
    map.forEach((k, v) -> {
      sb.append("<tr><th>").append(esc(String.valueOf(k))).append("</th><td>");
      value(sb, v);
      sb.append("</td></tr>");
    });
    sb.append("</table>");
  }

  private static void value(StringBuilder sb, Object v) {
    if (v instanceof Map<?, ?> m) {
      table(sb, m);
    } else if (v instanceof List<?> list) {
      sb.append("<table>");
      for (Object item : list) {
        sb.append("<tr><td>");
        value(sb, item);
        sb.append("</td></tr>");
      }
      sb.append("</table>");
    } else {
      sb.append(esc(String.valueOf(v)));
    }
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
