package org.recoil.limits.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;

/** The {@code inputs.synthetic.inject} entry of an analysis config: parsing and bad input. */
class SignalInjectionTest {

    private static AnalysisSettings settings(Path dir, String yaml) throws IOException {
        Path f = dir.resolve("analysis.yaml");
        Files.writeString(f, yaml);
        return AnalysisSettings.resolve(AnalysisConfig.read(f), dir, f.toString());
    }

    private static String error(Path dir, String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> settings(dir, yaml));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains("analysis.yaml"), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void injectionIsReadWithItsModel(@TempDir Path dir) throws IOException {
        AnalysisSettings s = settings(dir, "inputs:\n  synthetic:\n    inject: {mass: 3.0, gprime: 0.002, model: dark}\n");
        SignalInjection inj = ((AnalysisSettings.SyntheticInputs) s.inputs()).injection().orElseThrow();
        assertEquals(3.0, inj.mass());
        assertEquals(0.002, inj.gPrime());
        assertEquals(1.0, inj.model().brInvisible(3.0, 0.002), 1e-12);
        AnalysisSettings none = settings(dir, "inputs:\n  synthetic: {seed: 4}\n");
        assertTrue(((AnalysisSettings.SyntheticInputs) none.inputs()).injection().isEmpty());
        // the seed override keeps the injection
        assertTrue(((AnalysisSettings.SyntheticInputs) s.withSyntheticSeed(9).inputs()).injection().isPresent());
    }

    @Test
    void badInjectionsAreOneLineErrors(@TempDir Path dir) {
        String neg = error(dir, "inputs:\n  synthetic:\n    inject: {mass: 3.0, gprime: -0.001}\n");
        assertTrue(neg.contains("gprime") && neg.contains(">= 0") && neg.contains("-0.001"), neg);
        String far = error(dir, "inputs:\n  synthetic:\n    inject: {mass: 10.5, gprime: 0.001}\n");
        assertTrue(far.contains("10.5") && far.contains("kinematic range"), far);
        String missing = error(dir, "inputs:\n  synthetic:\n    inject: {gprime: 0.001}\n");
        assertTrue(missing.contains("needs mass and gprime"), missing);
        String model = error(dir, "inputs:\n  synthetic:\n    inject: {mass: 2, gprime: 0.001, model: susy}\n");
        assertTrue(model.contains("susy"), model);
    }
}
