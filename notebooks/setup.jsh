// Shared set-up of the Recoil notebooks: imports and small helpers. Each notebook runs
//   %jar ../cli/target/recoil.jar
//   %load setup.jsh
// with this folder (notebooks/) as the working directory.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.*;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.rapaio.jupyter.kernel.global.Global;
import tech.tablesaw.api.*;

System.setProperty("java.awt.headless", "true");

/** Prints formatted text (as System.out.printf, with '.' as the decimal point whatever the locale). */
void print(String format, Object... args) {
    System.out.print(String.format(Locale.ROOT, format, args));
}

/** Shows an XChart chart inline (as a PNG image). */
void show(XYChart chart) {
    Global.display(BitmapEncoder.getBufferedImage(chart));
}

/** Shows a Tablesaw table inline as an HTML table; doubles with 5 significant digits, NaN as a dash. */
void show(Table table) {
    java.util.function.UnaryOperator<String> esc = s -> s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    StringBuilder html = new StringBuilder("<table><caption>").append(esc.apply(table.name())).append("</caption><tr>");
    for (var column : table.columns()) {
        html.append("<th>").append(esc.apply(column.name())).append("</th>");
    }
    html.append("</tr>");
    for (int row = 0; row < table.rowCount(); row++) {
        html.append("<tr>");
        for (var column : table.columns()) {
            String cell;
            if (column instanceof DoubleColumn numbers) {
                double v = numbers.getDouble(row);
                cell = Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.5g", v);
            } else {
                cell = column.getString(row);
            }
            html.append("<td>").append(esc.apply(cell)).append("</td>");
        }
        html.append("</tr>");
    }
    Global.display("text/html", html.append("</table>").toString());
}

/** Gives an XChart chart made with XYChartBuilder the look of the project's plots (white, legend inside). */
XYChart styled(XYChart chart) {
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(java.awt.Color.WHITE);
    styler.setPlotBackgroundColor(java.awt.Color.WHITE);
    styler.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    styler.setLegendBorderColor(java.awt.Color.WHITE);
    styler.setPlotGridLinesVisible(false);
    return chart;
}

/**
 * A file of the project's reference folder, {@code reference/} in the project root
 * (found by walking up from the working directory, as the project's tests do).
 */
Path reference(String first, String... more) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("reference");
        if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(candidate.resolve("README.md"))) {
            return candidate.resolve(Path.of(first, more));
        }
    }
    throw new IllegalStateException("no reference/ folder in the project root above the working directory "
            + Path.of("").toAbsolutePath());
}

/** Fails the cell, and so the build that executes this notebook, when an expectation stated in the text is not met. */
void check(boolean ok, String expectation) {
    if (!ok) {
        throw new IllegalStateException("expectation not met: " + expectation);
    }
}
