package org.recoil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.core.testing.SharedReference;

/** The README's Java API example runs and prints the pyhf reference numbers. */
class ApiExampleTest {

    private static void assertStartsWith(String prefix, String line) {
        assertTrue(line.startsWith(prefix), () -> "expected '" + prefix + "...' but was '" + line + "'");
    }

    @Test
    void printsTheReferenceNumbers() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ApiExample.run(SharedReference.dir(), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), lines::toString);
        // pyhf 0.7: twice_nll 46.4153151749703, CLs(1) 0.23533846541027162, expected median 0.14182282044886252,
        // 90% upper limit 1.3484481996717297 (reference/pyhf/expected.json)
        assertStartsWith("fit: CONVERGED, -2 ln L = 46.415315, mu = ", lines.get(0));
        assertStartsWith("CLs(mu = 1) = 0.235338 (", lines.get(1));
        assertStartsWith("90% CL upper limit on mu: observed 1.3484", lines.get(2));
        assertStartsWith("sbottom_1300_850_60: 64 parameters, CLs(mu = 1) = 0.00091", lines.get(3));
        assertStartsWith("Z' at 2 GeV: BR(inv) = 0.5000, sigma = 34.6", lines.get(4));
    }
}
