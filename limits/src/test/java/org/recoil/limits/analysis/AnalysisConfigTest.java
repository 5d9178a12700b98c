package org.recoil.limits.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.scan.LimitMethod;

class AnalysisConfigTest {

    /** @return the project root: {@code recoil.root}, or the nearest folder above user.dir with examples/ */
    static Path projectRoot() {
        String root = System.getProperty("recoil.root");
        if (root != null && Files.isDirectory(Paths.get(root, "examples"))) {
            return Paths.get(root);
        }
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    private static String error(Path dir, String yaml) throws IOException {
        Path f = dir.resolve("analysis.yaml");
        Files.writeString(f, yaml);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AnalysisSettings.resolve(AnalysisConfig.read(f), dir, f.toString()));
        assertFalse(e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
        assertTrue(e.getMessage().contains("analysis.yaml"), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void unknownKeysAreRejectedWithTheKeyAndTheFile(@TempDir Path dir) throws IOException {
        String top = error(dir, "luminosity: 276/pb\nluminosty: 50/fb\n");
        assertTrue(top.contains("unknown key 'luminosty'") && top.contains("allowed:"), top);
        String nested = error(dir, "mass_grid: {min: 1, max: 2, stepp: 0.1}\n");
        assertTrue(nested.contains("unknown key 'stepp'") && nested.contains("mass_grid"), nested);
        String synthetic = error(dir, "inputs:\n  synthetic: {sed: 3}\n");
        assertTrue(synthetic.contains("unknown key 'sed'"), synthetic);
        String selection = error(dir, "selection:\n  cuts: {max_extra_enrgy: 0.4}\n");
        assertTrue(selection.contains("max_extra_enrgy"), selection);
    }

    @Test
    void badValuesAreRejectedWithAClearMessage(@TempDir Path dir) throws IOException {
        assertTrue(error(dir, "luminosity: 50/xb\n").contains("50/xb"));
        assertTrue(error(dir, "mass_grid: {min: 5.0, max: 1.0}\n").contains("empty"));
        assertTrue(error(dir, "mass_grid: {masses: []}\n").contains("empty"));
        assertTrue(error(dir, "mass_grid: {masses: [1.0, 10.5]}\n").contains("kinematic range"));
        assertTrue(error(dir, "mass_grid: {masses: [0.05, 1.0]}\n").contains("resolution"));
        assertTrue(error(dir, "mass_grid: {masses: [2.0, 1.0]}\n").contains("increasing"));
        assertTrue(error(dir, "cl: 1.5\n").contains("confidence level"));
        assertTrue(error(dir, "method: frequentist\n").contains("frequentist"));
        assertTrue(error(dir, "model: susy\n").contains("susy"));
        assertTrue(error(dir, "selection: missing-selection.yaml\n").contains("not found"));
        assertTrue(error(dir, "inputs:\n  files:\n    data: {path: nope.csv}\n    backgrounds: [{path: b.csv}]\n"
                + "    signal: [{path: s1.csv, mass: 1}, {path: s2.csv, mass: 2}]\n").contains("not found"));
        assertTrue(error(dir, "inputs: {}\n").contains("exactly one"));
        assertTrue(error(dir, "inputs: {synthetic: {seed: 1}, files: {}}\n").contains("required"));
        assertTrue(error(dir, "inputs:\n  synthetic: {signal_masses: [1.0, 2.0]}\nmass_grid: {min: 0.5, max: 2}\n")
                .contains("outside the signal masses"));
        assertTrue(error(dir, "systematics: {luminosity: 1.5}\n").contains("luminosity"));
        assertTrue(error(dir, "projection: {scenarios: [optimistic]}\n").contains("optimistic"));
        assertTrue(error(dir, "projection: {luminosities: [50/fb, 1/xyz]}\n").contains("1/xyz"));
        assertTrue(error(dir, "cl: [1, 2]\n").contains("cl"));
        assertTrue(error(dir, "mass_grid: {bins_per_window: 0}\n").contains("bins_per_window"));
    }

    @Test
    void missingConfigFileIsBadInput(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AnalysisConfig.read(dir.resolve("absent.yaml")));
        assertTrue(e.getMessage().contains("absent.yaml") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void anEmptyConfigFileIsBadInput(@TempDir Path dir) throws IOException {
        for (String text : List.of("", "\n\n", "# only a comment\n", "---\n")) {
            String e = error(dir, text);
            assertTrue(e.contains("the analysis config is empty"), e);
        }
    }

    @Test
    void aKeyGivenTwiceIsBadInputNamingKeyAndLine(@TempDir Path dir) throws IOException {
        String top = error(dir, "luminosity: 276/pb\ncl: 0.9\nluminosity: 50/fb\n");
        assertTrue(top.contains("key 'luminosity' given twice at line 3"), top);
        String nested = error(dir, "mass_grid:\n  min: 1.0\n  max: 3.0\n  min: 2.0\n");
        assertTrue(nested.contains("key 'min' given twice at line 4"), nested);
        String flow = error(dir, "mass_grid: {min: 1, max: 2, min: 1.5}\n");
        assertTrue(flow.contains("key 'min' given twice"), flow);
    }

    @Test
    void aNonIntegerCountIsBadInput(@TempDir Path dir) throws IOException {
        String toys = error(dir, "method: toys\ntoys: 1.5\n");
        assertTrue(toys.endsWith("analysis.yaml: toys: expected a whole number, got 1.5"), toys);
        String events = error(dir, "inputs:\n  synthetic: {mumu_gamma_events: 2.5e4}\n");
        assertTrue(events.contains("inputs.synthetic.mumu_gamma_events: expected a whole number, got 25000"), events);
        String points = error(dir, "mass_grid: {min: 1, max: 2, points: 7.5}\n");
        assertTrue(points.contains("mass_grid.points: expected a whole number, got 7.5"), points);
    }

    @Test
    void yamlSyntaxErrorsAreOneLineWithLineAndColumn(@TempDir Path dir) throws IOException {
        String indent = error(dir, "luminosity: 276/pb\nmass_grid:\n  min: 1.0\n max: 3.0\n");
        assertTrue(indent.matches(".*analysis\\.yaml: YAML syntax error at line 4, column \\d+: .+"), indent);
        String bracket = error(dir, "mass_grid: {masses: [1.0, 2.0}\n");
        assertTrue(bracket.matches(".*analysis\\.yaml: YAML syntax error at line 1, column \\d+: .+"), bracket);
        String tab = error(dir, "cl: 0.9\n\tmethod: toys\n");
        assertTrue(tab.matches(".*analysis\\.yaml: YAML syntax error at line 2, column \\d+: .+"), tab);
    }

    @Test
    void aMassGridTooLargeIsCappedWithAMessage(@TempDir Path dir) throws IOException {
        String tiny = error(dir, "mass_grid: {min: 0.2, max: 8.0, step: 1e-12}\n");
        assertTrue(tiny.contains("mass_grid") && tiny.contains("more than the 10000 allowed"), tiny);
        String overflow = error(dir, "mass_grid: {min: 0.2, max: 8.0, step: 1e-300}\n");
        assertTrue(overflow.contains("more than the 10000 allowed"), overflow);
        assertTrue(error(dir, "mass_grid: {min: 0.2, max: 8.0, points: 2000000}\n").contains("at most 10000"));
        // the largest allowed grid resolves
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, "mass_grid: {min: 0.2, max: 8.0, points: 10000}\n");
        assertEquals(10000, AnalysisSettings.resolve(AnalysisConfig.read(f), dir, f.toString()).masses().length);
    }

    @Test
    void noSectionsGiveTheDefaults(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("empty.yaml");
        Files.writeString(f, "{}\n");
        AnalysisSettings s = AnalysisSettings.resolve(AnalysisConfig.read(f), dir, f.toString());
        assertEquals(Luminosity.PHASE2_2018, s.luminosity());
        assertEquals(0.90, s.cl());
        assertEquals(79, s.masses().length);
        assertEquals(0.2, s.masses()[0], 1e-12);
        assertEquals(8.0, s.masses()[78], 1e-12);
        assertTrue(s.method() instanceof LimitMethod.Asymptotic);
        assertEquals("lmu-ltau", s.model().name());
        assertTrue(s.zeroBackgroundIsError());
        assertTrue(s.inputs().synthetic());
        var syn = (AnalysisSettings.SyntheticInputs) s.inputs();
        assertEquals(0.2, syn.signalMasses().get(0));
        assertEquals(8.0, syn.signalMasses().get(syn.signalMasses().size() - 1));
        assertEquals(List.of("fixed", "shrinking", "stat_only"),
                s.projection().scenarios().stream().map(x -> x.name()).toList());
        assertEquals(3, s.projection().luminosities().size());
    }

    @Test
    void theDefaultResourceAndTheExampleResolve() {
        AnalysisSettings d = AnalysisSettings.resolve(AnalysisConfig.defaults(), null, "default");
        assertEquals(79, d.masses().length);
        assertEquals("default", d.selectionSource());
        Path example = projectRoot().resolve("examples/analysis.yaml");
        AnalysisSettings e = AnalysisSettings.resolve(AnalysisConfig.read(example), example.getParent(),
                example.toString());
        assertEquals(27, e.masses().length);
        assertEquals(12345L, ((AnalysisSettings.SyntheticInputs) e.inputs()).dataset().seed());
        assertEquals(0.02, e.systematics().backgroundNormalisation("mumu_gamma"));
        assertEquals(AnalysisSettings.resolve(AnalysisConfig.defaults(), null, "d").withSyntheticSeed(5L).seed(), 5L);
    }

    @Test
    void gridFormsAndInlineSelection(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.yaml");
        Files.writeString(f, "mass_grid: {min: 1.0, max: 2.0, points: 5, window_sigmas: 1.5, bins_per_window: 4}\n"
                + "selection:\n"
                + "  beams: belle2\n  cuts: {max_extra_energy: 0.3}\nmethod: toys\ntoys: 50\nmodel: dark\n"
                + "zero_background: report\n");
        AnalysisSettings s = AnalysisSettings.resolve(AnalysisConfig.read(f), dir, f.toString());
        assertEquals(5, s.masses().length);
        assertEquals(1.25, s.masses()[1], 1e-12);
        assertEquals(1.5, s.windowSigmas());
        assertEquals(4, s.binsPerWindow());
        assertEquals("inline", s.selectionSource());
        assertEquals(0.3, s.selection().cuts().maxExtraEnergy());
        assertEquals(new LimitMethod.Toys(50), s.method());
        assertEquals(1.0, s.model().brInvisible(3.0, 1.0));
        assertFalse(s.zeroBackgroundIsError());
    }
}
