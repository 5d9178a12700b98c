package org.recoil.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.recoil.core.InvalidInputException;

/** Writing is all or nothing: no partial or temporary files remain, and failures name the file. */
class PlotWriterTest {

    @TempDir
    Path dir;

    private static XYChart chart(String title) {
        return Plots.brazilBandChart(ExampleData.brazil(), ExampleData.brazilOptions().withTitle(title));
    }

    @Test
    void createsMissingFoldersAndReplacesExistingFiles() throws Exception {
        Path base = dir.resolve("out/plots/brazil");
        PlotFiles first = PlotWriter.write(chart("first"), base);
        byte[] firstPng = Files.readAllBytes(first.png());
        PlotFiles second = PlotWriter.write(chart("second title"), base);
        assertEquals(first, second);
        assertFalse(Arrays.equals(firstPng, Files.readAllBytes(second.png())), "the PNG was replaced");
        assertEquals(List.of("brazil.png", "brazil.svg"), PlotAssertions.filesIn(base.getParent()),
                "no temporary files are left");
        PlotAssertions.validFiles(second, 800, 600);
    }

    @Test
    void aBasePathWithAnImageExtensionIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PlotWriter.write(chart("t"), dir.resolve("brazil.PNG")));
        assertTrue(e.getMessage().contains("without extension"), e.getMessage());
        assertEquals(List.of(), PlotAssertions.filesIn(dir));
    }

    @Test
    void anUnwritableFolderIsReportedWithItsPath() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PlotWriter.write(chart("t"), notAFolder.resolve("brazil")));
        assertTrue(e.getMessage().contains(notAFolder.toString()), e.getMessage());
        assertEquals(List.of("file"), PlotAssertions.filesIn(dir));
    }

    @Test
    void whenTheSvgCannotBeWrittenThePngIsRemovedToo() throws Exception {
        // a non-empty folder where the SVG should go cannot be replaced by a file
        Path blocker = Files.createDirectories(dir.resolve("brazil.svg"));
        Files.writeString(blocker.resolve("keep"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PlotWriter.write(chart("t"), dir.resolve("brazil")));
        assertTrue(e.getMessage().contains("brazil.svg"), e.getMessage());
        assertEquals(List.of("brazil.svg"), PlotAssertions.filesIn(dir), "neither the PNG nor a temporary file remains");
        assertEquals(List.of("keep"), PlotAssertions.filesIn(blocker));
    }
}
