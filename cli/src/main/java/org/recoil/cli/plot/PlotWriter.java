package org.recoil.cli.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.recoil.core.InvalidInputException;

/**
 * Writes a chart as {@code base.png} and {@code base.svg}.
 *
 * <p>XChart draws every text as glyph outlines, also in the SVG, so the SVG carries the chart's
 * words once more as text: its {@code <title>} is the chart title and its {@code <desc>} lists the
 * axis titles, the tick labels of logarithmic axes and the legend entries (one per line, as
 * {@code x: ...}, {@code y: ...}, {@code x ticks: 10⁰, 10¹, 10²}, {@code y ticks: ...},
 * {@code legend: ...}), for screen readers, search and tests.
 *
 * <p>Both images are rendered in memory first; each is then written to a temporary file in the
 * target folder and moved into place atomically, so no reader ever sees a partial file. If the
 * second file cannot be written, the first one written by this call is removed again: after a
 * failure neither new file is left behind.
 */
public final class PlotWriter {

    private static final int MAX_TEMPORARY_ATTEMPTS = 100;

    private PlotWriter() {
    }

    /**
     * Renders and writes the chart.
     *
     * @param chart the chart (fixed size: its width and height in pixels)
     * @param basePath the path without extension, e.g. {@code out/brazil}; ".png" and ".svg" are added
     * @return the two files written
     * @throws InvalidInputException if the base path ends in .png or .svg, or a file cannot be
     *     written there (the message names the file and the reason)
     */
    public static PlotFiles write(XYChart chart, Path basePath) {
        Objects.requireNonNull(chart, "chart");
        Headless.ensure();
        Path base = checkBase(basePath);
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        byte[] pngBytes = renderPng(chart, png);
        byte[] svgBytes = renderSvg(chart, svg);
        Path dir = png.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the plot folder " + dir + ": " + describe(e), e);
        }
        writeAtomically(png, pngBytes);
        try {
            writeAtomically(svg, svgBytes);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(png);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new PlotFiles(png, svg);
    }

    private static Path checkBase(Path basePath) {
        Objects.requireNonNull(basePath, "basePath");
        Path name = basePath.getFileName();
        if (name == null || name.toString().isBlank()) {
            throw new InvalidInputException("plot path '" + basePath + "' has no file name; expected e.g. out/limits");
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png") || lower.endsWith(".svg")) {
            throw new InvalidInputException("plot path '" + basePath + "' ends in an image extension;"
                    + " expected a base path without extension (\".png\" and \".svg\" are added)");
        }
        return basePath;
    }

    private static byte[] renderPng(XYChart chart, Path target) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + target + " as PNG: " + describe(e), e);
        }
    }

    private static byte[] renderSvg(XYChart chart, Path target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + target + " as SVG: " + describe(e), e);
        }
        return withText(chart, out.toByteArray());
    }

    /** Inserts the {@code <title>} and {@code <desc>} of the chart after the opening {@code <svg ...>} tag. */
    private static byte[] withText(XYChart chart, byte[] svg) {
        String text = new String(svg, StandardCharsets.UTF_8);
        int root = text.indexOf("<svg");
        int end = root < 0 ? -1 : text.indexOf('>', root);
        if (end < 0) {
            throw new IllegalStateException("the SVG written by XChart has no <svg> element");
        }
        StringBuilder desc = new StringBuilder();
        desc.append("x: ").append(chart.getXAxisTitle()).append('\n');
        desc.append("y: ").append(chart.getYAxisTitle());
        ticks(desc, "x", LogTickLabels.ticks(chart.getStyler(), true));
        ticks(desc, "y", LogTickLabels.ticks(chart.getStyler(), false));
        chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend)
                .forEach(s -> desc.append("\nlegend: ").append(s.getName()));
        String inserted = "\n  <title>" + escape(chart.getTitle()) + "</title>\n  <desc>" + escape(desc.toString())
                + "</desc>";
        return (text.substring(0, end + 1) + inserted + text.substring(end + 1))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void ticks(StringBuilder desc, String axis, List<LogTicks.Tick> ticks) {
        if (!ticks.isEmpty()) {
            desc.append('\n').append(axis).append(" ticks: ")
                    .append(String.join(", ", ticks.stream().map(LogTicks.Tick::label).toList()));
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void writeAtomically(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = createTemporary(dir, target, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write plot file " + target + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed and is being reported; a stray temporary file is all that remains
                }
            }
        }
    }

    /**
     * Writes the bytes to a new hidden file next to the target. Created with {@code CREATE_NEW} (not
     * {@link Files#createTempFile}, which would make the final file private to the owner) so the
     * plot gets the usual permissions of the folder's umask.
     */
    private static Path createTemporary(Path dir, Path target, byte[] bytes) throws IOException {
        String stem = "." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(stem + "-" + attempt + ".tmp");
            try {
                Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= MAX_TEMPORARY_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException e) {
                Files.deleteIfExists(tmp); // a partly written file of ours
                throw e;
            }
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
