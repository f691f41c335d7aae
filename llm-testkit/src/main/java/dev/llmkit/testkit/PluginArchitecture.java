package dev.llmkit.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;

/**
 * The plugin side of llmkit's dependency rules (ARCHITECTURE.md), checked with ArchUnit on a plugin's
 * compiled classes: a provider may use the API, the SPI and its own libraries, never the engine
 * ({@code dev.llmkit.core}) or another plugin. {@link ProviderContractTest} runs it for every provider.
 *
 * <pre>{@code
 * PluginArchitecture.assertProviderIsolated(AcmeProviderFactory.class);
 * }</pre>
 */
public final class PluginArchitecture {
  private PluginArchitecture() {}

  /** Fails with ArchUnit's report when a class in the factory's package tree breaks the rule. */
  public static void assertProviderIsolated(Class<?> factoryClass) {
    String pkg = factoryClass.getPackageName();
    // Import the plugin's own jar (or classes folder), so the rule sees exactly what the plugin ships.
    JavaClasses classes = new ClassFileImporter().importLocations(Set.of(Location.of(
        factoryClass.getProtectionDomain().getCodeSource().getLocation())));
    noClasses().that().resideInAPackage(pkg + "..")
        .should().dependOnClassesThat().resideInAPackage("dev.llmkit.core..")
        .because("providers never import the engine; they get what they need from ProviderContext")
        .check(classes);
    noClasses().that().resideInAPackage(pkg + "..")
        .should().dependOnClassesThat(
            resideInAnyPackage("dev.llmkit.provider..", "dev.llmkit.router..", "dev.llmkit.testkit..")
                .and(not(resideInAPackage(pkg + ".."))))
        .because("a plugin is one jar on its own: it never reaches into another plugin or the testkit")
        .check(classes);
  }
}
