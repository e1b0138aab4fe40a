package dev.snnc.distributed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module rule: Apache Spark is used by this module only. Every snnc class on this module's class
 * path (all modules) is checked; outside {@code dev.snnc.distributed} none may touch
 * {@code org.apache.spark} (the other modules' poms do not even have it).
 */
class SparkOnlyHereTest {
    @Test
    void noOtherModuleDependsOnSpark() {
        JavaClasses snnc = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.snnc");
        // the import holds every module's classes, this one's among them (so the rule is not checked on nothing)
        org.junit.jupiter.api.Assertions.assertTrue(snnc.contain("dev.snnc.cli.Main") && snnc.contain(
                "dev.snnc.simulator.FxSimulator") && snnc.contain(SparkScaleOut.class.getName()));
        noClasses().that().resideOutsideOfPackage("dev.snnc.distributed..").should().dependOnClassesThat()
                .resideInAPackage("org.apache.spark..").check(snnc);
    }
}
