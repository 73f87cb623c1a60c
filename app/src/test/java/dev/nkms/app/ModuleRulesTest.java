package dev.nkms.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "may depend on" column of docs/ARCHITECTURE's module table, checked on the compiled classes
 * of every module on this module's class path: no class of a module uses a class of a module it may
 * not depend on — an import, a fully qualified name, a call, a field type. (Each pom's
 * maven-enforcer rule checks the same edges between artifacts; this test sees what crosses through
 * a transitive dependency.)
 */
class ModuleRulesTest {
  private static final List<String> MODULES =
      List.of(
          "crypto",
          "protocol",
          "registry",
          "network",
          "node",
          "storage",
          "client",
          "chain",
          "daemon",
          "app",
          "cli");

  /** Module → the nkms modules it may use (besides itself), from the map. */
  static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("crypto", Set.of());
    MAY_USE.put("protocol", Set.of("crypto"));
    MAY_USE.put("registry", Set.of("protocol", "crypto"));
    MAY_USE.put("network", Set.of("registry", "protocol", "crypto"));
    MAY_USE.put("node", Set.of("network", "registry", "protocol", "crypto"));
    MAY_USE.put("storage", Set.of("crypto"));
    MAY_USE.put("client", Set.of("network", "storage", "registry", "protocol", "crypto"));
    MAY_USE.put("chain", Set.of("registry", "protocol", "crypto"));
    MAY_USE.put("daemon", Set.of("client", "network", "storage", "registry", "protocol", "crypto"));
    MAY_USE.put(
        "app",
        Set.of(
            "daemon",
            "client",
            "node",
            "chain",
            "network",
            "storage",
            "registry",
            "protocol",
            "crypto"));
  }

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    // Other modules arrive as their jars (target/classes only for this one); test classes and
    // test-jars are left out.
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.nkms");
  }

  static List<ArchRule> rules() {
    List<ArchRule> rules = new ArrayList<>();
    MAY_USE.forEach(
        (module, allowed) -> {
          List<String> banned = new ArrayList<>();
          for (String other : MODULES) {
            if (!other.equals(module) && !allowed.contains(other)) {
              banned.add("dev.nkms." + other + "..");
            }
          }
          rules.add(
              noClasses()
                  .that()
                  .resideInAPackage("dev.nkms." + module + "..")
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(banned.toArray(String[]::new))
                  .as(
                      module
                          + " uses only "
                          + (allowed.isEmpty() ? "itself" : new TreeSet<>(allowed)))
                  .allowEmptyShould(true));
        });
    return rules;
  }

  @Test
  void everyModuleUsesOnlyWhatTheMapAllows() {
    // The main classes of every module below cli are here (the reactor puts target/classes on the
    // class path).
    assertThat(main.containPackage("dev.nkms.node.http")).isTrue();
    assertThat(main.containPackage("dev.nkms.client.connect")).isTrue();
    assertThat(main.containPackage("dev.nkms.chain")).isTrue();
    List<String> violations = new ArrayList<>();
    for (ArchRule rule : rules()) {
      EvaluationResult result = rule.evaluate(main);
      violations.addAll(result.getFailureReport().getDetails());
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void aDeliberatelyWrongEdgeFails() {
    JavaClasses fixture =
        new ClassFileImporter()
            .importClasses(dev.nkms.node.archfixture.NodeThatCallsTheClient.class);
    List<String> violations = new ArrayList<>();
    for (ArchRule rule : rules()) {
      violations.addAll(rule.evaluate(fixture).getFailureReport().getDetails());
    }
    assertThat(violations)
        .isNotEmpty()
        .allSatisfy(
            v ->
                assertThat(v)
                    .contains("NodeThatCallsTheClient")
                    .contains("dev.nkms.client.NkmsException"));
  }
}
