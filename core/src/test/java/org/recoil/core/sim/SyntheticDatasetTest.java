package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;

class SyntheticDatasetTest {
    private static final SyntheticDatasetConfig SMALL = SyntheticDatasetConfig.defaults()
            .withBackgroundEvents(40_000, 10_000, 40_000).withSignal(2_000, List.of());

    @Test
    void sameConfigurationGivesIdenticalDatasets() {
        SyntheticDataset a = SyntheticDataset.generate(SMALL);
        SyntheticDataset b = SyntheticDataset.generate(SMALL);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a.backgrounds().get(i).column("mu1_pz"), b.backgrounds().get(i).column("mu1_pz"));
        }
        assertArrayEquals(a.data().column("mu2_px"), b.data().column("mu2_px"));
        SyntheticDataset c = SyntheticDataset.generate(SMALL.withSeed(1L));
        assertTrue(c.data().size() != a.data().size()
                || !java.util.Arrays.equals(c.data().column("mu2_px"), a.data().column("mu2_px")));
    }

    /**
     * Templates are normalised to sigma L times the acceptance; the pseudo-data count of each
     * process is Poisson around the template sum of weights.
     */
    @Test
    void templatesAndPseudoDataAreNormalisedToTheLuminosity() {
        SyntheticDataset ds = SyntheticDataset.generate(SMALL);
        assertEquals(SyntheticDataset.BACKGROUND_SAMPLES.size(), ds.backgrounds().size());
        double expectedData = 0.0;
        for (SimulatedEvents t : ds.backgrounds()) {
            double sigmaL = t.crossSectionPb() * ds.luminosityPb();
            double acceptance = t.size() / (double) t.generatedEvents();
            assertEquals(sigmaL * acceptance, t.sumOfWeights(), 1e-9 * sigmaL, t.sample());
            assertTrue(t.synthetic());
            expectedData += t.sumOfWeights();
        }
        SimulatedEvents data = ds.data();
        assertEquals(SyntheticDataset.DATA_SAMPLE, data.sample());
        assertEquals(data.size(), data.sumOfWeights(), 0.0);
        assertEquals(expectedData, data.size(), 5 * Math.sqrt(expectedData));
    }

    /** Independent pseudo-data (unweighted generation) agree with the templates within Poisson errors. */
    @Test
    void independentPseudoDataAgreeWithTheTemplates() {
        SyntheticDatasetConfig cfg = SMALL.withLuminosityPb(5.0).withPseudoData(PseudoDataMode.INDEPENDENT);
        SyntheticDataset ds = SyntheticDataset.generate(cfg);
        double expected = 0.0;
        for (SimulatedEvents t : ds.backgrounds()) {
            expected += t.sumOfWeights();
        }
        double mcError = 0.0;
        for (SimulatedEvents t : ds.backgrounds()) {
            double w = t.crossSectionPb() * cfg.luminosityPb() / t.generatedEvents();
            mcError += w * w * t.size();
        }
        assertEquals(expected, ds.data().size(), 5 * Math.sqrt(expected + mcError));
        assertTrue(ds.data().size() > 3_000, "events " + ds.data().size());
    }

    @Test
    void pseudoDataAtHugeLuminosityAreRefusedWithAClearMessage() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TwoPhotonMuMuGenerator.belle2()
                .generateUnweighted(50_000.0, 1L));
        assertTrue(e.getMessage().contains("eemumu") && e.getMessage().contains("Asimov"), e.getMessage());
    }

    @Test
    void writtenFilesReadBackAndAreLabelledSynthetic(@TempDir Path dir) throws Exception {
        SyntheticDataset ds = SyntheticDataset.generate(SMALL.withLuminosityPb(20.0));
        List<Path> files = ds.write(dir, "csv");
        assertEquals(List.of(dir.resolve("backgrounds.csv"), dir.resolve("data.csv"), dir.resolve("dataset.json")), files);
        EventTable bkg = EventReader.read(dir.resolve("backgrounds.csv"));
        assertEquals(SyntheticDataset.BACKGROUND_SAMPLES, bkg.samples());
        int n = 0;
        for (SimulatedEvents t : ds.backgrounds()) {
            n += t.size();
        }
        assertEquals(n, bkg.size());
        EventTable data = EventReader.read(dir.resolve("data.csv"));
        assertEquals(List.of(SyntheticDataset.DATA_SAMPLE), data.samples());
        assertEquals(ds.data().size(), data.size());
        JsonNode meta = new ObjectMapper().readTree(dir.resolve("dataset.json").toFile());
        assertTrue(meta.get("synthetic").asBoolean());
        assertEquals(SyntheticDataset.LABEL, meta.get("label").asText());
        assertEquals(ds.luminosityPb(), meta.get("luminosity_pb").asDouble());
        assertEquals(ds.data().size(), meta.get("samples").get(SyntheticDataset.DATA_SAMPLE).get("stored_events").asInt());
        Map<String, Object> m = ds.metadata();
        assertEquals(true, m.get("synthetic"));
        assertThrows(InvalidInputException.class, () -> ds.write(dir.resolve("missing"), "csv"));
        assertThrows(InvalidInputException.class, () -> ds.write(dir, "root"));
        assertTrue(Files.exists(dir.resolve("data.csv")));
    }

    @Test
    void defaultSelectionParses() {
        var cfg = SyntheticDataset.defaultSelection();
        assertEquals(0.4, cfg.cuts().maxExtraEnergy());
        assertEquals(2.2, cfg.cuts().tauSuppression().minPt().intercept());
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThrows(InvalidInputException.class, () -> SMALL.withLuminosityPb(-1));
        assertThrows(InvalidInputException.class, () -> SMALL.withBackgroundEvents(0, 1, 1));
        assertThrows(InvalidInputException.class, () -> SMALL.withSignal(10, List.of(1.0, Double.NaN)));
    }
}
