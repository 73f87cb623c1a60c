package dev.nkms.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The checked-in OpenAPI document names exactly the routes the daemon registers. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS =
      Set.of("get", "post", "put", "patch", "delete", "head", "options", "trace");

  private static JsonNode document() throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(ConsoleHandlers.OPENAPI)) {
      assertThat(in).as("openapi.json on the class path").isNotNull();
      return JsonBody.MAPPER.readTree(in);
    }
  }

  @Test
  void everyRouteIsDocumentedAndNothingElse() throws Exception {
    JsonNode paths = document().get("paths");
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<String> ops = path.getValue().fieldNames(); ops.hasNext(); ) {
        String op = ops.next();
        if (METHODS.contains(op)) {
          documented.add(op.toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    Set<String> served = new TreeSet<>();
    ApiRoute.all().forEach(r -> served.add(r.describe()));
    assertThat(documented).isEqualTo(served);
  }

  @Test
  void publicRoutesAreExactlyThoseTheDocumentExemptsFromTheToken() throws Exception {
    JsonNode doc = document();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    for (ApiRoute r : ApiRoute.values()) {
      JsonNode op = doc.get("paths").get(r.path()).get(r.method().name().toLowerCase(Locale.ROOT));
      boolean exempt = op.has("security") && op.get("security").isEmpty();
      assertThat(exempt).as(r.describe()).isEqualTo(r.access() == ApiRoute.Access.PUBLIC);
      if (r.access() == ApiRoute.Access.TOKEN) {
        assertThat(op.at("/responses/401").isMissingNode())
            .as(r.describe() + " documents 401")
            .isFalse();
      }
    }
  }

  @Test
  void operationIdsAreUniqueAndEveryReferenceResolves() throws Exception {
    JsonNode doc = document();
    Set<String> ids = new HashSet<>();
    for (JsonNode path : doc.get("paths")) {
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.fields(); ops.hasNext(); ) {
        JsonNode op = ops.next().getValue();
        assertThat(ids.add(op.get("operationId").asText()))
            .as(op.get("operationId").asText())
            .isTrue();
      }
    }
    assertReferencesResolve(doc, doc);
  }

  @Test
  void theProblemReasonsAreExactlyTheDocumentedOnes() throws Exception {
    Set<String> documented = new TreeSet<>();
    document()
        .at("/components/schemas/Problem/properties/reason/enum")
        .forEach(n -> documented.add(n.asText()));
    assertThat(documented).isEqualTo(new TreeSet<>(Problem.REASONS));
  }

  private static void assertReferencesResolve(JsonNode doc, JsonNode node) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null) {
        assertThat(doc.at(ref.asText().substring(1)).isMissingNode()).as(ref.asText()).isFalse();
      }
      node.forEach(child -> assertReferencesResolve(doc, child));
    } else if (node.isArray()) {
      node.forEach(child -> assertReferencesResolve(doc, child));
    }
  }
}
