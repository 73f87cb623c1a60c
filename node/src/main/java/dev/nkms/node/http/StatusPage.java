package dev.nkms.node.http;

import java.util.Map;

/** A small readable HTML rendering of the status JSON, for people with a browser. */
final class StatusPage {
  private StatusPage() {}

  static String render(Map<String, Object> status) {
    StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>nkms node ")
        .append(esc(String.valueOf(status.get("address"))))
        .append("</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}"
            + "th{color:#555}</style></head><body><h1>nkms node</h1><table>");
    status.forEach((k, v) -> sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(String.valueOf(v)))
        .append("</td></tr>"));
    return sb.append("</table></body></html>").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
