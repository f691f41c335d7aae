package dev.llmkit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of ARCHITECTURE.md, checked on the compiled classes of api, spi and core (the
 * enforcer plugin checks the Maven dependencies; the provider rule is checked in every provider's
 * contract suite).
 */
class DependencyRulesTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.llmkit.api", "dev.llmkit.spi", "dev.llmkit.core");

  @Test
  void the_api_depends_on_nothing_but_the_jdk() {
    classes().that().resideInAPackage("dev.llmkit.api..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.llmkit.api..", "org.jspecify..")
        .check(CLASSES);
  }

  @Test
  void the_spi_depends_only_on_the_api_and_the_jdk() {
    classes().that().resideInAPackage("dev.llmkit.spi..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.net.ssl..", "dev.llmkit.api..", "dev.llmkit.spi..", "org.jspecify..")
        .check(CLASSES);
  }

  @Test
  void core_never_imports_a_provider_or_a_router() {
    noClasses().that().resideInAPackage("dev.llmkit.core..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.llmkit.provider..", "dev.llmkit.router..")
        .check(CLASSES);
  }

  @Test
  void the_api_and_spi_never_reach_into_core() {
    noClasses().that().resideInAnyPackage("dev.llmkit.api..", "dev.llmkit.spi..")
        .should().dependOnClassesThat().resideInAPackage("dev.llmkit.core..")
        .check(CLASSES);
  }
}
