package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.cli.report.OutputFolder;
import org.recoil.cli.report.SearchReport;
import org.recoil.cli.report.SearchRun;
import org.recoil.limits.scan.ScanExecutor;

/** {@code recoil scan}, {@code recoil project}: reports, exit codes, and nothing but an error report on failure. */
class SearchCommandsTest {

    /** A tiny synthetic analysis: seconds, not minutes. */
    static final String SMALL = String.join("\n",
            "inputs:",
            "  synthetic: {seed: 7, mumu_gamma_events: 100000, tautau_gamma_events: 40000, eemumu_events: 20000,",
            "              signal_events: 2000, signal_masses: [1.0, 3.0]}",
            "luminosity: 276/pb",
            "mass_grid: {masses: [1.0, 2.0, 3.0]}",
            "projection: {luminosities: [276/pb, 50/fb], scenarios: [shrinking, stat_only], lumi_curve_masses: [2.0],",
            "             lumi_curve_points: 3}",
            "");

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = RecoilCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path config(Path dir, String text) throws IOException {
        Path f = dir.resolve("analysis.yaml");
        Files.writeString(f, text);
        return f;
    }

    /** CSV fields of one line, double quotes honoured. */
    static List<String> fields(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                f.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        f.add(cur.toString());
        return f;
    }

    static void assertOnlyErrorReport(Path out, Run r, int exit, String messagePart) throws IOException {
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.err().contains(messagePart), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("recoil:")).count(), r.err());
        assertEquals(List.of(OutputFolder.ERROR_REPORT), OutputFolder.list(out));
        JsonNode report = new ObjectMapper().readTree(out.resolve(OutputFolder.ERROR_REPORT).toFile());
        assertEquals("error", report.get("status").asText());
        assertEquals(exit, report.get("exit_code").asInt());
        assertTrue(report.get("message").asText().contains(messagePart), report.toString());
        assertNoStagingLeft(out);
    }

    static void assertNoStagingLeft(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.toAbsolutePath().getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".staging-")), "staging folder left");
        }
    }

    @Test
    void scanWritesValidJsonCsvYamlSummaryAndPlots(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, SMALL);
        Path out = dir.resolve("scan-out");
        Run r = run("scan", "--config", cfg.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("files written to") && r.out().contains("timing (wall clock)"), r.out());
        assertTrue(r.out().contains("mass scan (3 points, asymptotic)"), r.out());
        assertTrue(r.err().contains("[mass scan"), "progress on stderr: " + r.err());
        List<String> files = OutputFolder.list(out);
        for (String f : List.of("limits.json", "limits.csv", "hepdata_gprime_limit.yaml", "summary.txt",
                "recoil_mass_spectrum.png", "recoil_mass_spectrum.svg", "recoil_mass_spectrum_log.png",
                "recoil_mass_spectrum_log.svg", "sigma_limit.png", "sigma_limit.svg",
                "gprime_limit.png", "gprime_limit.svg", "recoil_mass_postfit.png", "recoil_mass_postfit.svg")) {
            assertTrue(files.contains(f), f + " in " + files);
        }
        assertFalse(files.contains("projection.csv"));
        assertPlotText(out.resolve("recoil_mass_postfit.svg"), "<title>Post-fit recoil-mass spectrum at M(Z′) = ",
                "x: Recoil mass squared M²(rec) [GeV²]", "y: Events in the window", "legend: Data",
                "legend: e⁺e⁻ → ", "legend: Post-fit uncertainty", "fitted μ̂ = ");
        assertPlotText(out.resolve("recoil_mass_spectrum.svg"), "<title>Recoil-mass spectrum after selection</title>",
                "x: Recoil mass squared M²(rec) [GeV²]", "y: Events / 1 GeV²", "legend: Data",
                "legend: e⁺e⁻ → μ⁺μ⁻(γ)", "legend: e⁺e⁻ → τ⁺τ⁻(γ)", "legend: e⁺e⁻ → e⁺e⁻μ⁺μ⁻",
                "legend: MC stat. uncertainty", "legend: Z′ (1.00 GeV), g′ = ", "legend: Z′ (3.00 GeV), g′ = ");
        assertPlotText(out.resolve("recoil_mass_spectrum_log.svg"), "(log scale)</title>", "legend: e⁺e⁻ → e⁺e⁻μ⁺μ⁻");
        assertPlotText(out.resolve("sigma_limit.svg"),
                "<title>Upper limit on σ(e⁺e⁻ → μ⁺μ⁻Z′) × BR(Z′ → invisible) at 90% CL</title>",
                "x: Z′ mass M(Z′) [GeV]", "legend: Observed", "legend: Median expected", "legend: Expected ±1σ",
                "legend: Expected ±2σ");
        assertPlotText(out.resolve("gprime_limit.svg"), "<title>Upper limit on the Lμ−Lτ coupling g′ at 90% CL</title>",
                "legend: Expected 276/pb\nlegend: Expected ±1σ\nlegend: Expected ±2σ",
                "legend: (g−2)μ ±2σ: BNL+FNAL 2021 vs WP2020, Δaμ = (251 ± 59)×10⁻¹¹",
                "legend: (g−2)μ ±2σ: FNAL 2025 vs WP2025, Δaμ = (38 ± 63)×10⁻¹¹");
        JsonNode json = new ObjectMapper().readTree(out.resolve("limits.json").toFile());
        assertTrue(json.get("synthetic").asBoolean());
        assertEquals("SYNTHETIC", json.get("label").asText());
        assertEquals(3, json.get("points").size());
        for (JsonNode p : json.get("points")) {
            assertTrue(p.get("status").asText().matches("ok|warning"), p.toString());
            assertEquals(5, p.get("gprime").get("expected").size());
            double[] e = new double[5];
            for (int i = 0; i < 5; i++) {
                e[i] = p.get("sigma_x_br_fb").get("expected").get(i).asDouble();
            }
            double[] sorted = e.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, e);
            assertTrue(e[2] > 10 && e[2] < 2000, "sigma x BR median " + e[2] + " fb");
        }
        List<String> lines = Files.readAllLines(out.resolve("limits.csv"));
        assertEquals(SearchReport.LIMITS_CSV_HEADER, lines.get(0));
        assertEquals(4, lines.size());
        int columns = fields(lines.get(0)).size();
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = fields(l);
            assertEquals(columns, f.size(), l);
            assertEquals("SYNTHETIC", f.get(fields(lines.get(0)).indexOf("dataset")));
            Double.parseDouble(f.get(fields(lines.get(0)).indexOf("gprime_exp_median")));
            // a count per window with mu free has 0 degrees of freedom: no goodness-of-fit p-value
            assertEquals("", f.get(fields(lines.get(0)).indexOf("gof_p")), l);
        }
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(out.resolve("hepdata_gprime_limit.yaml").toFile());
        assertEquals(3, yaml.get("independent_variables").get(0).get("values").size());
        assertEquals(2, yaml.get("dependent_variables").size());
        assertTrue(yaml.get("dependent_variables").get(1).get("values").get(0).get("errors").size() == 2);
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("SYNTHETIC DATA") && summary.contains("(g-2)_mu band excluded"), summary);
        byte[] png = Files.readAllBytes(out.resolve("sigma_limit.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(Files.readString(out.resolve("gprime_limit.svg")).contains("<svg"));
        assertNoStagingLeft(out);
    }

    @Test
    void shapeScanReportsTheGoodnessOfFitOfEveryWindow(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, SMALL.replace("mass_grid: {masses: [1.0, 2.0, 3.0]}",
                "mass_grid: {masses: [1.0, 2.0, 3.0], bins_per_window: 5}"));
        Path out = dir.resolve("shape-out");
        Run r = run("scan", "--config", cfg.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("limits.csv"));
        List<String> header = fields(lines.get(0));
        assertEquals("gof_p", header.get(header.size() - 1));
        JsonNode json = new ObjectMapper().readTree(out.resolve("limits.json").toFile());
        double worst = 1;
        for (int i = 1; i < lines.size(); i++) {
            assertFalse(fields(lines.get(i)).get(header.indexOf("gof_p")).isEmpty(),
                    lines.get(i) + "\n" + json.get("points").get(i - 1));
            double p = Double.parseDouble(fields(lines.get(i)).get(header.indexOf("gof_p")));
            assertTrue(p >= 0 && p <= 1, lines.get(i));
            JsonNode point = json.get("points").get(i - 1);
            assertEquals(p, point.get("gof_p").asDouble(), 0);
            assertEquals(4, point.get("gof_dof").asInt(), point.toString());
            assertTrue(point.get("gof_statistic").asDouble() >= 0, point.toString());
            worst = Math.min(worst, p);
        }
        assertPlotText(out.resolve("recoil_mass_postfit.svg"), "y: Events / ", "legend: Post-fit uncertainty");
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("worst goodness of fit: M = ")
                && summary.contains(String.format(java.util.Locale.ROOT, "p = %.3g", worst)), summary);
    }

    @Test
    void variationsWriteTheSystematicsTableAndPlotAndKeepTheLimitsColumns(@TempDir Path dir) throws IOException {
        Path nominal = dir.resolve("nominal-out");
        assertEquals(0, run("scan", "--config", config(dir, SMALL).toString(), "--out", nominal.toString(),
                "--threads", "2").exit());
        assertFalse(Files.exists(nominal.resolve("systematics.csv")), "variations are opt-in");
        Path cfg = config(dir, SMALL.replace("mass_grid: {masses: [1.0, 2.0, 3.0]}",
                "mass_grid: {masses: [1.0, 2.0, 3.0], bins_per_window: 3}") + "variations: {momentum_scale: 0.002,"
                + " muon_id: 0.01, background_normalisation: {tautau_gamma: 0.05}, symmetrise: max}\n");
        Path out = dir.resolve("syst-out");
        Run r = run("scan", "--config", cfg.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        List<String> table = Files.readAllLines(out.resolve("systematics.csv"));
        assertEquals("mass_gev,sample,variation,up_percent,down_percent", table.get(0));
        assertTrue(table.contains("2,tautau_gamma,bkg_norm_tautau_gamma,5,-5"), String.join("\n", table));
        assertTrue(table.contains("2,signal,muon_id,2.01,-2.01"), String.join("\n", table));
        assertEquals(Files.readAllLines(nominal.resolve("limits.csv")).get(0),
                Files.readAllLines(out.resolve("limits.csv")).get(0), "limits.csv columns unchanged");
        assertTrue(Files.size(out.resolve("systematics.png")) > 0);
        assertPlotText(out.resolve("systematics.svg"), "y: yield change in the window (%)",
                "legend: momentum scale (signal): up / down", "legend: muon ID (signal): up / down");
    }

    @Test
    void theMvaSelectionWritesItsRocAndOutputPlots(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, SMALL + "selection: {mva: {trees: 20, max_depth: 3, seed: 7, min_background_entries: 3}}\n");
        Path out = dir.resolve("mva-out");
        Run r = run("scan", "--config", cfg.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        for (String f : List.of("mva_roc.png", "mva_roc.svg", "mva_output.png", "mva_output.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertPlotText(out.resolve("mva_roc.svg"), "ROC curve of the MVA selection", "x: Background efficiency",
                "y: Signal efficiency", "legend: test split, AUC = 0.", "legend: no separation");
        assertPlotText(out.resolve("mva_output.svg"), "x: Classifier output", "legend: signal, test split",
                "legend: signal, training split", "legend: background, test split",
                "legend: background, training split");
        // the MVA's gain over the cut-based selection, per mass, and a projection of the cut-based analysis with it
        List<String> eff = Files.readAllLines(out.resolve("mva_efficiency.csv"));
        assertEquals(org.recoil.limits.analysis.MvaEfficiency.HEADER, eff.get(0));
        assertEquals(4, eff.size(), eff.toString());
        assertTrue(eff.get(1).startsWith("1,"), eff.get(1));
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        Path pcfg = config(cut, SMALL.replace("lumi_curve_points: 3}", "lumi_curve_points: 3,\n"
                + "             improvements: [{name: mva, from_scan: ../mva-out}]}"));
        Run p = run("project", "--config", pcfg.toString(), "--lumi", "50/fb", "--out", cut.resolve("p").toString());
        assertEquals(0, p.exit(), p.err());
        List<String> rows = Files.readAllLines(cut.resolve("p").resolve("projection.csv"));
        assertEquals(1 + 2 * 3 * 2, rows.size(), rows.toString());
        assertEquals(6, rows.stream().filter(l -> l.endsWith(",mva")).count(), rows.toString());
        // a missing scan folder: exit 2, one line naming the file
        Path bad = config(Files.createDirectories(dir.resolve("bad")), SMALL.replace("lumi_curve_points: 3}", "lumi_curve_points: 3,\n"
                + "             improvements: [{name: mva, from_scan: nowhere}]}"));
        Run b = run("project", "--config", bad.toString(), "--out", dir.resolve("bad-out").toString());
        assertEquals(2, b.exit(), b.err());
        assertTrue(b.err().contains("from_scan: " + dir.resolve("bad").resolve("nowhere") + " not found"), b.err());
    }

    @Test
    void projectWritesTheProjectionAndReplacesAStaleErrorReport(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, SMALL);
        Path out = dir.resolve("project-out");
        Files.createDirectories(out);
        Files.writeString(out.resolve(OutputFolder.ERROR_REPORT), "{}");
        Run r = run("project", "--config", cfg.toString(), "--lumi", "276/pb,50/fb,5/ab", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> files = OutputFolder.list(out);
        assertFalse(files.contains(OutputFolder.ERROR_REPORT), files.toString());
        assertTrue(files.containsAll(List.of("limits.json", "projection.csv", "summary.txt", "gprime_limit.png",
                "limit_vs_luminosity.png", "limit_vs_luminosity.svg")), files.toString());
        assertFalse(files.contains("limits.csv"));
        List<String> lines = Files.readAllLines(out.resolve("projection.csv"));
        assertEquals(SearchReport.PROJECTION_CSV_HEADER, lines.get(0));
        assertEquals(1 + 2 * 3 * 3, lines.size());
        JsonNode json = new ObjectMapper().readTree(out.resolve("limits.json").toFile());
        assertEquals(6, json.get("projection").get("curves").size());
        assertEquals("5/ab", json.get("projection").get("curves").get(2).get("luminosity").asText());
        assertTrue(Files.readString(out.resolve("summary.txt")).contains("projections"));
        assertPlotText(out.resolve("limit_vs_luminosity.svg"),
                "<title>Expected upper limit on g′ versus integrated luminosity</title>",
                "x: Integrated luminosity [fb⁻¹]", "legend: M = 2.00 GeV, ", "x ticks: 10⁰, 10¹, 10², 10³",
                "y ticks: 10⁻");
        String words = Files.readString(out.resolve("limit_vs_luminosity.svg"));
        assertFalse(words.substring(words.indexOf("<desc>"), words.indexOf("</desc>")).matches("(?s).*\\dE-?\\d.*"),
                "log axes in powers of ten, not E notation");
    }

    /**
     * A one-point mass grid: the scan, the projection and both together (as {@code demo} runs them)
     * write the point's numbers and draw it as markers on the g′ plot; the plots that need two
     * points are left out, and the summary says so.
     */
    @Test
    void aSingleMassPointIsScannedProjectedAndDrawnAsMarkers(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, SMALL.replace("masses: [1.0, 2.0, 3.0]", "masses: [2.0]"));
        Path scanOut = dir.resolve("scan");
        Run scan = run("scan", "--config", cfg.toString(), "--out", scanOut.toString());
        assertEquals(0, scan.exit(), scan.err());
        List<String> lines = Files.readAllLines(scanOut.resolve("limits.csv"));
        assertEquals(2, lines.size(), lines::toString);
        List<String> header = fields(lines.get(0));
        assertEquals(2.0, Double.parseDouble(fields(lines.get(1)).get(header.indexOf("mass_gev"))), 1e-12);
        assertTrue(Double.parseDouble(fields(lines.get(1)).get(header.indexOf("gprime_exp_median"))) > 0);
        JsonNode json = new ObjectMapper().readTree(scanOut.resolve("limits.json").toFile());
        assertEquals(1, json.get("points").size());
        String summary = Files.readString(scanOut.resolve("summary.txt"));
        assertTrue(summary.contains("mass scan: 1 points from 2.00 to 2.00 GeV")
                && summary.contains("a single mass point with a limit is drawn as markers in gprime_limit.png"),
                summary);
        List<String> files = OutputFolder.list(scanOut);
        assertTrue(files.containsAll(List.of("gprime_limit.png", "gprime_limit.svg")), files.toString());
        assertFalse(files.contains("sigma_limit.png"), files.toString());
        assertPlotText(scanOut.resolve("gprime_limit.svg"), "legend: Observed 276/pb", "legend: Expected 276/pb");

        Path projectOut = dir.resolve("project");
        Run project = run("project", "--config", cfg.toString(), "--out", projectOut.toString());
        assertEquals(0, project.exit(), project.err());
        assertTrue(OutputFolder.list(projectOut).containsAll(List.of("gprime_limit.png", "projection.csv",
                "limit_vs_luminosity.png")), OutputFolder.list(projectOut).toString());
        assertPlotText(projectOut.resolve("gprime_limit.svg"), "legend: Expected 50/fb");

        Path bothOut = dir.resolve("both");
        StringWriter err = new StringWriter();
        try (OutputFolder folder = OutputFolder.open(bothOut, "demo", new PrintWriter(err))) {
            SearchRun.run(SearchRun.Kind.DEMO, "demo", SearchCommands.load(cfg), folder, 2, ScanExecutor.local(),
                    new PrintWriter(err), false);
        }
        assertPlotText(bothOut.resolve("gprime_limit.svg"), "legend: Observed 276/pb", "legend: Expected 50/fb");
        assertTrue(OutputFolder.list(bothOut).containsAll(List.of("limits.csv", "projection.csv")));
    }

    /**
     * The words of a written plot (its SVG's title and description: title, axis titles, tick labels of
     * log axes, legend),
     * and no code names: no underscore in any of them.
     */
    static void assertPlotText(Path svg, String... expected) throws IOException {
        String text = Files.readString(svg);
        String words = text.substring(text.indexOf("<title>"), text.indexOf("</desc>"));
        for (String e : expected) {
            assertTrue(words.contains(e), "'" + e + "' in " + svg.getFileName() + ":\n" + words);
        }
        assertFalse(words.contains("_"), "a code name (underscore) in " + svg.getFileName() + ":\n" + words);
    }

    @Test
    void badInputGivesExitTwoAndOnlyAnErrorReport(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Run unknown = run("scan", "--config", config(dir, SMALL + "colour: blue\n").toString(), "--out", out.toString());
        assertOnlyErrorReport(out, unknown, 2, "unknown key 'colour'");

        Path out2 = dir.resolve("out2");
        Run missing = run("scan", "--config", dir.resolve("nope.yaml").toString(), "--out", out2.toString());
        assertOnlyErrorReport(out2, missing, 2, "not found");

        // a folder recoil did not write is never replaced, not even by an error report
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("keep.txt"), "the user's file");
        Run refused = run("scan", "--config", config(dir, SMALL).toString(), "--out", mine.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("holds files recoil did not write"), refused.err());
        assertEquals(List.of("keep.txt"), OutputFolder.list(mine));

        Path out3 = dir.resolve("out3");
        Run lumi = run("project", "--config", config(dir, SMALL).toString(), "--lumi", "276/pb,50/xb",
                "--out", out3.toString());
        assertOnlyErrorReport(out3, lumi, 2, "50/xb");

        Path out4 = dir.resolve("out4");
        Run empty = run("scan", "--config", config(dir, SMALL.replace("masses: [1.0, 2.0, 3.0]", "min: 3, max: 1"))
                .toString(), "--out", out4.toString());
        assertOnlyErrorReport(out4, empty, 2, "empty");

        Path out5 = dir.resolve("out5");
        Run range = run("scan", "--config", config(dir, SMALL.replace("masses: [1.0, 2.0, 3.0]", "masses: [1.0, 10.4]"))
                .toString(), "--out", out5.toString());
        assertOnlyErrorReport(out5, range, 2, "kinematic range");

        Path out6 = dir.resolve("out6");
        Run threads = run("scan", "--config", config(dir, SMALL).toString(), "--out", out6.toString(), "--threads", "0");
        assertOnlyErrorReport(out6, threads, 2, "--threads");

        Run usage = run("scan", "--out", dir.resolve("out7").toString());
        assertEquals(2, usage.exit());
        assertFalse(Files.exists(dir.resolve("out7")));
    }

    @Test
    void zeroBackgroundWindowsAreBadInputOrReportedPoints(@TempDir Path dir) throws IOException {
        // a selection keeping only M_rec > 5 GeV leaves no background in the windows at 1 and 2 GeV
        String noBackground = SMALL.replace("luminosity: 276/pb", String.join("\n", "luminosity: 276/pb",
                "selection:", "  cuts:", "    two_opposite_charge_muons: true", "    recoil_mass: {min: 5.0, max: 9.0}"))
                .replace("masses: [1.0, 2.0, 3.0]", "masses: [1.5]").replace("signal_masses: [1.0, 3.0]",
                        "signal_masses: [1.5]");
        Path out = dir.resolve("out");
        Run error = run("scan", "--config", config(dir, noBackground).toString(), "--out", out.toString());
        assertOnlyErrorReport(out, error, 2, "zero-background window(s) at M = 1.5 GeV");

        Path out2 = dir.resolve("out2");
        Run report = run("scan", "--config", config(dir, noBackground + "zero_background: report\n").toString(),
                "--out", out2.toString());
        // every point is reported without a limit: nothing can be computed, exit 3
        assertOnlyErrorReport(out2, report, 3, "no mass point has a limit");
    }

    /** Issue 22, item 7: a failed rerun must not leave the previous run's tables looking current. */
    @Test
    void aFailedRerunLeavesAFolderThatSaysSoAndKeepsThePreviousResultAside(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve(OutputFolder.MARKER), "output folder written by recoil scan\n");
        Files.writeString(out.resolve("limits.csv"), "mass_gev\n1.0\n");
        Files.writeString(out.resolve("summary.txt"), "the previous run\n");
        Run r = run("scan", "--config", config(dir, SMALL + "colour: blue\n").toString(), "--out", out.toString());
        assertOnlyErrorReport(out, r, 2, "colour");
        Path previous = dir.resolve("out.previous");
        assertEquals(List.of("limits.csv", "summary.txt"), OutputFolder.list(previous));
        JsonNode report = new ObjectMapper().readTree(out.resolve(OutputFolder.ERROR_REPORT).toFile());
        assertEquals(previous.toString(), report.get("previous_result").asText());
    }
}
