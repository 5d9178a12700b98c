package org.recoil.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Checks of written plot files and of pixels at data coordinates. */
final class PlotAssertions {

    private PlotAssertions() {
    }

    /** Reads the PNG, checking it is non-empty, decodable and of the given size. */
    static BufferedImage png(Path file, int width, int height) throws IOException {
        assertTrue(Files.size(file) > 1000, file + " is (nearly) empty");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not a readable PNG");
        assertEquals(width, image.getWidth(), "PNG width");
        assertEquals(height, image.getHeight(), "PNG height");
        return image;
    }

    /** Parses the SVG as XML (without fetching its DTD), checking the root element and the view box. */
    static Element svg(Path file, int width, int height) throws Exception {
        assertTrue(Files.size(file) > 1000, file + " is (nearly) empty");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        Document doc = b.parse(file.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName(), "root element");
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("0 0 " + width + " " + height, root.getAttribute("viewBox"));
        assertTrue(root.getElementsByTagNameNS("*", "path").getLength() > 10, "SVG has drawing paths");
        return root;
    }

    /** Checks both files of a plot. */
    static BufferedImage validFiles(PlotFiles files, int width, int height) throws Exception {
        assertTrue(files.png().getFileName().toString().endsWith(".png"));
        assertTrue(files.svg().getFileName().toString().endsWith(".svg"));
        svg(files.svg(), width, height);
        return png(files.png(), width, height);
    }

    /** The pixel of the image at data coordinates (x, y) of a chart that was painted at the image's size. */
    static Color pixelAt(BufferedImage image, XYChart chart, double x, double y) {
        int px = (int) Math.round(chart.getScreenXFromChart(x));
        int py = (int) Math.round(chart.getScreenYFromChart(y));
        return new Color(image.getRGB(px, py));
    }

    /** Asserts a colour within {@code tolerance} per channel. */
    static void assertColor(Color expected, Color actual, int tolerance, String what) {
        if (Math.abs(expected.getRed() - actual.getRed()) > tolerance
                || Math.abs(expected.getGreen() - actual.getGreen()) > tolerance
                || Math.abs(expected.getBlue() - actual.getBlue()) > tolerance) {
            fail(what + ": expected colour " + expected + " but found " + actual);
        }
    }

    /** A semi-transparent colour painted over white. */
    static Color overWhite(Color c) {
        double a = c.getAlpha() / 255.0;
        return new Color((int) Math.round(a * c.getRed() + (1 - a) * 255),
                (int) Math.round(a * c.getGreen() + (1 - a) * 255), (int) Math.round(a * c.getBlue() + (1 - a) * 255));
    }

    /** The number of pixels within {@code tolerance} of a colour. */
    static int countColor(BufferedImage image, Color c, int tolerance) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color p = new Color(image.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) <= tolerance && Math.abs(p.getGreen() - c.getGreen()) <= tolerance
                        && Math.abs(p.getBlue() - c.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The darkest channel sum among the pixels within {@code r} of (x, y) in data coordinates: near 0 on a black line. */
    static int darkestNear(BufferedImage image, XYChart chart, double x, double y, int r) {
        int px = (int) Math.round(chart.getScreenXFromChart(x));
        int py = (int) Math.round(chart.getScreenYFromChart(y));
        int darkest = Integer.MAX_VALUE;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                Color c = new Color(image.getRGB(px + dx, py + dy));
                darkest = Math.min(darkest, c.getRed() + c.getGreen() + c.getBlue());
            }
        }
        return darkest;
    }

    /** The names of all files in a folder (also hidden temporary files). */
    static List<String> filesIn(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
