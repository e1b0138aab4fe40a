package dev.snnc.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the design, checked on the compiled classes: DJL only in calibration,
 * backends see the IR and the file formats only (never the simulator, calibration, quantizer or
 * each other), the simulator knows no backend, and only the CLI knows every module.
 */
class ModuleRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.snnc");
    private static final java.util.List<String> BACKENDS = java.util.List.of("loihi", "fpga", "netx");

    @Test
    void djlOnlyInCalibration() {
        noClasses().that().resideOutsideOfPackages("dev.snnc.calibration..").should().dependOnClassesThat()
                .resideInAPackage("ai.djl..").check(MAIN);
    }

    @Test
    void backendsDependOnTheIrAndTheFormatsOnly() {
        noClasses().that().resideInAPackage("dev.snnc.backend..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.snnc.simulator..", "dev.snnc.calibration..", "dev.snnc.quantize..",
                        "dev.snnc.frontend..", "dev.snnc.cli..").check(MAIN);
        for (String backend : BACKENDS) {
            String[] others = BACKENDS.stream().filter(b -> !b.equals(backend)).map(b -> "dev.snnc.backend." + b + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.snnc.backend." + backend + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(others).check(MAIN);
        }
        noClasses().that().resideInAPackage("dev.snnc.nir..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.snnc.simulator..", "dev.snnc.calibration..", "dev.snnc.quantize..",
                        "dev.snnc.frontend..", "dev.snnc.cli..", "dev.snnc.backend..").check(MAIN);
    }

    @Test
    void onlyTheCliKnowsEveryModule() {
        noClasses().that().resideOutsideOfPackage("dev.snnc.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.snnc.cli..").check(MAIN);
        noClasses().that().resideInAnyPackage("dev.snnc.ir..", "dev.snnc.formats..", "dev.snnc.simulator..",
                "dev.snnc.quantize..", "dev.snnc.frontend..", "dev.snnc.calibration..").should().dependOnClassesThat()
                .resideInAPackage("dev.snnc.backend..").check(MAIN);
    }

    @Test
    void theIrAndTheFormatsDependOnNoOtherModule() {
        noClasses().that().resideInAnyPackage("dev.snnc.ir..", "dev.snnc.formats..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.snnc.simulator..", "dev.snnc.calibration..", "dev.snnc.quantize..",
                        "dev.snnc.frontend..").check(MAIN);
    }
}
