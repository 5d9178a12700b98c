package org.recoil.limits.mva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;

/**
 * A saved XGBoost JSON model read without XGBoost ({@link XgboostJson}) predicts what XGBoost predicts.
 */
class XgboostJsonTest {

    @Test
    void aSavedModelReadWithoutXgboostPredictsAsXgboost(@TempDir Path dir) throws Exception {
        int nf = MvaFeatures.COUNT;
        int n = 4000;
        SplittableRandom rnd = new SplittableRandom(11);
        float[] x = new float[n * nf];
        float[] label = new float[n];
        float[] weight = new float[n];
        for (int i = 0; i < n; i++) {
            label[i] = rnd.nextBoolean() ? 1f : 0f;
            weight[i] = 1f;
            for (int j = 0; j < nf; j++) {
                x[i * nf + j] = (float) (rnd.nextGaussian() + (j % 3 == 0 ? label[i] : 0));
            }
        }
        XgboostModel.Trained t = XgboostModel.train(x, nf, label, weight, new XgboostModel.Params(15, 4, 0.3, 5, 2));
        Path file = dir.resolve("model.json");
        XgboostJson.save(file, t);
        XgboostModel.Trained read = XgboostJson.load(file, nf);
        float[] expected = XgboostModel.xgboostPredict(t, x, nf);
        double[] mine = read.ensemble().predict(x, 1);
        double[] viaBooster = t.ensemble().predict(x, 1);
        double spread = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], mine[i], 1e-6, "row " + i);
            assertEquals(viaBooster[i], mine[i], 1e-6, "row " + i);
            spread = Math.max(spread, Math.abs(mine[i] - 0.5));
        }
        assertTrue(spread > 0.2, "the model separates: " + spread);
        assertEquals(t.ensemble().trees(), read.ensemble().trees());
        // wrong number of features, not a model: one line
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> XgboostJson.load(file, nf + 1));
        assertTrue(e.getMessage().contains("trained on " + nf + " features"), e.getMessage());
        Files.writeString(dir.resolve("bad.json"), "{\"a\": 1}");
        e = assertThrows(InvalidInputException.class, () -> XgboostJson.load(dir.resolve("bad.json"), nf));
        assertTrue(e.getMessage().contains("not an XGBoost JSON model"), e.getMessage());
    }
}
