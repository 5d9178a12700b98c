package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.cli.testing.HelpTexts;

/** {@code recoil-spark --help} and every command's {@code --help}: no picocli warning, whole-sentence summaries. */
class SparkHelpTextTest {

    @Test
    void everyCommandsHelpIsClean() {
        List<String> names = HelpTexts.commandNames(SparkCli.commandLine());
        assertTrue(names.containsAll(List.of("recoil spark-scan", "recoil spark-toys", "recoil spark-histogram",
                "recoil scan")), names::toString);
        assertEquals(List.of(), HelpTexts.problems(SparkCli::commandLine));
    }
}
