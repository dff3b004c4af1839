package org.patchwarden.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules Maven modules cannot enforce by themselves. */
class ArchitectureTest {
  private static final String[] CORE = {
    "org.patchwarden.version..", "org.patchwarden.advisory..", "org.patchwarden.feed..",
    "org.patchwarden.inventory..", "org.patchwarden.ssvc..", "org.patchwarden.usecase..",
    "org.patchwarden.match..", "org.patchwarden.assess..", "org.patchwarden.finding..",
    "org.patchwarden.remediate..", "org.patchwarden.access..",
    "org.patchwarden.schedule..",
    "org.patchwarden.baseline..",
    "org.patchwarden.exercise.."
  };
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.patchwarden");
  }

  @Test
  void theCoreDependsOnlyOnTheJdkItselfAndTheCvssCalculator() {
    ArchRule rule = classes().that().resideInAnyPackage(CORE)
        .should().onlyDependOnClassesThat().resideInAnyPackage(concat(CORE, "java..", "us.springett.cvss.."))
        .because("the domain does no I/O and knows no framework (DESIGN.md); CVSS scoring is a pure library");
    rule.check(classes);
  }

  @Test
  void onlyAssessmentScoresCvssVectors() {
    noClasses().that().resideInAnyPackage(CORE).and().resideOutsideOfPackage("org.patchwarden.assess..")
        .should().dependOnClassesThat().resideInAPackage("us.springett.cvss..")
        .because("one place computes CVSS scores: org.patchwarden.assess.CvssScoring")
        .check(classes);
  }

  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching("org.patchwarden.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theCommandLineCallsUseCasesNotStores() {
    noClasses().that().resideInAPackage("org.patchwarden.app.cli..")
        .should().dependOnClassesThat().resideInAPackage("org.patchwarden.store..")
        .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
        .because("the CLI calls use cases; only the composition root (App) wires stores")
        .check(classes);
  }

  @Test
  void formatsAndStoreDoNotKnowEachOther() {
    noClasses().that().resideInAPackage("org.patchwarden.formats..")
        .should().dependOnClassesThat().resideInAnyPackage("org.patchwarden.store..", "org.patchwarden.app..")
        .check(classes);
    noClasses().that().resideInAPackage("org.patchwarden.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.patchwarden.formats..", "org.patchwarden.app..")
        .check(classes);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
