package org.recoil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.InterpolationCode;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.PatchSet;
import org.recoil.fitting.patch.WorkspacePatch;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Measurement;
import org.recoil.fitting.spec.MeasurementConfig;
import org.recoil.fitting.spec.ParameterConfig;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The workspace a command works on, shared by {@code recoil fit}, {@code hypotest}, {@code limit} and
 * {@code workspace inspect} (a picocli mixin): a pyhf JSON file, optionally patched as HEPData publishes
 * signal hypotheses, by RFC 6902 patch files ({@code --patch}, repeatable, applied in order; hypotest and
 * limit run one point per patch when it is given several times) and/or one patch of a pyhf patchset
 * ({@code --patchset FILE --point NAME|V1,V2,...}, applied first), and how to compile it, the same options on
 * every command: the measurement, the POI ({@code --poi}), parameter settings that override the
 * measurement's ({@code --fix}, {@code --init}, {@code --bounds}), the interpolation codes, and
 * {@code --expected-only} (blind: the observed data are replaced by the background-only Asimov data set at
 * the nominal parameter values, so nothing observed enters).
 */
public final class WorkspaceInput {

    @Parameters(index = "0", paramLabel = "WS.json", description = "pyhf JSON workspace (schema 1.0.0), e.g. a"
            + " background-only workspace from HEPData")
    Path workspace;

    @Option(names = "--patch", paramLabel = "PATCH.json",
            description = "RFC 6902 JSON patch to apply to the workspace (repeatable: fit and inspect apply them in order;"
                    + " hypotest and limit run one point per patch)")
    List<Path> patches = new ArrayList<>();

    @Option(names = "--patchset", paramLabel = "FILE", description = "pyhf patchset file; apply its patch --point")
    Path patchset;

    @Option(names = "--point", paramLabel = "NAME|V1,V2,..",
            description = "patch of the --patchset, by name (sbottom_1300_850_60) or by its values (1300,850,60)")
    String point;

    @Option(names = "--measurement", paramLabel = "M", description = "measurement name (default: the first)")
    String measurement;

    @Option(names = "--poi", paramLabel = "NAME", description = "parameter of interest (default: the measurement's)")
    String poi;

    @Option(names = "--fix", paramLabel = "NAME=VALUE", description = "hold a parameter at a value (repeatable)")
    List<String> fix = new ArrayList<>();

    @Option(names = "--init", paramLabel = "NAME=VALUE", description = "start a parameter at a value (repeatable)")
    List<String> init = new ArrayList<>();

    @Option(names = "--bounds", paramLabel = "NAME=LO,HI", description = "bounds of a parameter (repeatable)")
    List<String> bounds = new ArrayList<>();

    @Option(names = "--normsys-code", paramLabel = "CODE", description = "normsys interpolation: 0, 1, 2, 4 (default), 4p")
    String normsysCode;

    @Option(names = "--histosys-code", paramLabel = "CODE", description = "histosys interpolation: 0, 1, 2, 4, 4p (default)")
    String histosysCode;

    @Option(names = "--expected-only", description = "blind: use the background-only Asimov data at the nominal"
            + " parameters instead of the observed data")
    boolean expectedOnly;

    /** @return where the workspace comes from: the file and its patches */
    public WorkspaceSource source() {
        return new WorkspaceSource(workspace, patches, patchset, point);
    }

    /** @return a name for messages: the file, and the patches applied to it */
    public String name() {
        return source().name();
    }

    /** @return the (patched) workspace; an InvalidWorkspaceException (exit 2) names the file and problem */
    public Workspace read() {
        return source().read();
    }

    /**
     * @param options the command's defaults (e.g. without a POI); --poi and the interpolation codes are applied
     * @return the compiled model of the chosen measurement, with --fix, --init and --bounds applied
     */
    public HistFactoryModel model(ModelOptions options) {
        return compile(read(), name(), options);
    }

    /**
     * @param p a point of a batch
     * @param options as for {@link #model(ModelOptions)}
     * @return the point's model, compiled exactly as {@link #model(ModelOptions)} compiles a single point
     */
    public HistFactoryModel model(Point p, ModelOptions options) {
        return compile(p.workspace(), p.sourceName(), options);
    }

    /**
     * For commands that compile the workspace elsewhere (e.g. on Spark executors) with the measurement's own
     * settings: refuses the model options they would ignore.
     *
     * @param command the command's name, for the message
     * @throws InvalidInputException naming the options given
     */
    public void requireMeasurementSettings(String command) {
        List<String> given = new ArrayList<>();
        if (poi != null) {
            given.add("--poi");
        }
        if (!fix.isEmpty()) {
            given.add("--fix");
        }
        if (!init.isEmpty()) {
            given.add("--init");
        }
        if (!bounds.isEmpty()) {
            given.add("--bounds");
        }
        if (normsysCode != null || histosysCode != null) {
            given.add("interpolation codes");
        }
        if (expectedOnly) {
            given.add("--expected-only");
        }
        if (!given.isEmpty()) {
            throw new InvalidInputException(command + " compiles the measurement as the workspace configures it;"
                    + " it does not take " + String.join(", ", given));
        }
    }

    /** @return whether --expected-only was given */
    public boolean expectedOnly() {
        return expectedOnly;
    }

    /**
     * The data the command fits: the observed data, or with {@code --expected-only} the Asimov data set of the
     * background-only hypothesis (POI 0) at the nominal (initial) parameter values.
     *
     * @param model the compiled model
     * @return the data
     */
    public Data data(HistFactoryModel model) {
        if (!expectedOnly) {
            return model.observed();
        }
        double[] pars = model.parameters().inits();
        int poiIndex = model.parameters().poiIndex();
        if (poiIndex >= 0) {
            pars[poiIndex] = 0.0;
        }
        return model.asimov(pars);
    }

    private ModelOptions options(ModelOptions base) {
        ModelOptions o = base;
        if (poi != null) {
            o = o.withPoi(poi);
        }
        if (normsysCode != null) {
            o = o.withNormsysCode(InterpolationCode.parse(normsysCode));
        }
        if (histosysCode != null) {
            o = o.withHistosysCode(InterpolationCode.parse(histosysCode));
        }
        return o;
    }

    private HistFactoryModel compile(Workspace ws, String sourceName, ModelOptions base) {
        ModelOptions o = options(base);
        HistFactoryModel model = of(ws, sourceName, measurement, o);
        if (fix.isEmpty() && init.isEmpty() && bounds.isEmpty()) {
            return model;
        }
        return of(withSettings(ws, model), sourceName, measurement, o);
    }

    private static HistFactoryModel of(Workspace ws, String sourceName, String measurement, ModelOptions o) {
        try {
            return HistFactoryModel.of(ws, measurement, o);
        } catch (InvalidWorkspaceException e) {
            throw new InvalidWorkspaceException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /** A parameter setting: NAME (all its components) or NAME[i], and its values. */
    private record Setting(String option, String text, String parameter, int component, double[] values) {
    }

    private static Setting parse(String option, String text, int nValues, org.recoil.fitting.model.Parameters p) {
        int eq = text.indexOf('=');
        String expected = nValues == 1 ? "NAME=VALUE" : "NAME=LO,HI";
        if (eq <= 0 || eq == text.length() - 1) {
            throw new InvalidInputException(option + " expects " + expected + ", got '" + text + "'");
        }
        String name = text.substring(0, eq).trim();
        String[] parts = text.substring(eq + 1).split(",", -1);
        if (parts.length != nValues) {
            throw new InvalidInputException(option + " expects " + expected + ", got '" + text + "'");
        }
        double[] values = new double[nValues];
        for (int i = 0; i < nValues; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(option + " " + text + ": '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException(option + " " + text + ": the value must be finite");
            }
        }
        if (nValues == 2 && !(values[0] <= values[1])) {
            throw new InvalidInputException(option + " " + text + ": expected LO <= HI");
        }
        if (p.names().contains(name)) {
            int open = name.indexOf('[');
            if (open > 0 && name.endsWith("]")) {
                return new Setting(option, text, name.substring(0, open),
                        Integer.parseInt(name.substring(open + 1, name.length() - 1)), values);
            }
            return new Setting(option, text, name, -1, values);
        }
        if (p.names().contains(name + "[0]")) {
            return new Setting(option, text, name, -1, values);
        }
        throw new InvalidInputException("no parameter named '" + name + "'; parameters are " + p.names());
    }

    /**
     * The workspace with the chosen measurement's parameter configurations overridden by --fix, --init and
     * --bounds (pyhf's measurement config: inits, bounds and fixed per parameter, every component listed).
     */
    private Workspace withSettings(Workspace ws, HistFactoryModel model) {
        org.recoil.fitting.model.Parameters p = model.parameters();
        Map<String, double[]> inits = new LinkedHashMap<>();
        Map<String, double[][]> bnds = new LinkedHashMap<>();
        Map<String, Boolean> fixed = new LinkedHashMap<>();
        List<Setting> settings = new ArrayList<>();
        init.forEach(t -> settings.add(parse("--init", t, 1, p)));
        fix.forEach(t -> settings.add(parse("--fix", t, 1, p)));
        bounds.forEach(t -> settings.add(parse("--bounds", t, 2, p)));
        for (Setting s : settings) {
            List<Integer> idx = components(p, s.parameter());
            inits.computeIfAbsent(s.parameter(), k -> idx.stream().mapToDouble(p::init).toArray());
            bnds.computeIfAbsent(s.parameter(), k -> idx.stream().map(i -> new double[] {p.lower(i), p.upper(i)})
                    .toArray(double[][]::new));
            int from = s.component() < 0 ? 0 : s.component();
            int to = s.component() < 0 ? idx.size() : s.component() + 1;
            switch (s.option()) {
                case "--init", "--fix" -> {
                    for (int k = from; k < to; k++) {
                        inits.get(s.parameter())[k] = s.values()[0];
                    }
                    if (s.option().equals("--fix")) {
                        if (s.component() >= 0 && idx.size() > 1) {
                            throw new InvalidInputException("--fix " + s.text() + ": a measurement fixes whole"
                                    + " parameters; fix " + s.parameter() + " (all " + idx.size() + " components)"
                                    + " or set one with --init / --bounds");
                        }
                        fixed.put(s.parameter(), true);
                    }
                }
                default -> {
                    for (int k = from; k < to; k++) {
                        bnds.get(s.parameter())[k] = s.values().clone();
                    }
                }
            }
        }
        Measurement m = ws.measurement(model.measurementName());
        Map<String, ParameterConfig> configs = new LinkedHashMap<>();
        m.parameters().forEach(c -> configs.put(c.name(), c));
        for (String name : inits.keySet()) {
            ParameterConfig c = configs.getOrDefault(name, ParameterConfig.named(name));
            double[] in = inits.get(name);
            double[][] b = bnds.get(name);
            for (int k = 0; k < in.length; k++) {
                if (in[k] < b[k][0] || in[k] > b[k][1]) {
                    throw new InvalidInputException("parameter " + name + (in.length > 1 ? "[" + k + "]" : "") + ": the"
                            + " value " + fmt(in[k]) + " lies outside its bounds [" + fmt(b[k][0]) + ", " + fmt(b[k][1])
                            + "]; widen them with --bounds");
                }
            }
            configs.put(name, new ParameterConfig(name, in, b, fixed.containsKey(name) ? Boolean.TRUE : c.fixed(),
                    c.auxdata(), c.sigmas()));
        }
        List<Measurement> ms = new ArrayList<>();
        for (Measurement x : ws.measurements()) {
            ms.add(x == m ? new Measurement(m.name(), new MeasurementConfig(m.poi(), new ArrayList<>(configs.values()))) : x);
        }
        return new Workspace(ws.version(), ws.channels(), ws.observations(), ms);
    }

    private static List<Integer> components(org.recoil.fitting.model.Parameters p, String base) {
        List<Integer> idx = new ArrayList<>();
        if (p.names().contains(base)) {
            idx.add(p.indexOf(base));
            return idx;
        }
        for (int k = 0; p.names().contains(base + "[" + k + "]"); k++) {
            idx.add(p.indexOf(base + "[" + k + "]"));
        }
        return idx;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * The model of a hypothesis test or a limit: as {@link #model}, and its parameter of interest must
     * float (as pyhf's {@code hypotest}, which raises {@code InvalidModel} for a fixed POI).
     *
     * @param options interpolation codes and POI choice
     * @return the compiled model of the chosen measurement
     * @throws InvalidWorkspaceException if the measurement (or --fix) fixes its POI
     */
    public HistFactoryModel inferenceModel(ModelOptions options) {
        return floatingPoi(model(options), name());
    }

    /**
     * @param p a point of a batch
     * @param options as for {@link #inferenceModel(ModelOptions)}
     * @return the point's model, checked as {@link #inferenceModel(ModelOptions)} checks a single point
     */
    public HistFactoryModel inferenceModel(Point p, ModelOptions options) {
        return floatingPoi(model(p, options), p.sourceName());
    }

    private static HistFactoryModel floatingPoi(HistFactoryModel model, String sourceName) {
        org.recoil.fitting.model.Parameters p = model.parameters();
        int poi = p.poiIndex();
        if (poi >= 0 && p.fixed()[poi]) {
            throw new InvalidWorkspaceException(sourceName + ": measurement '" + model.measurementName() + "': the POI '"
                    + p.names().get(poi) + "' is set \"fixed\": true (in the workspace or by --fix), which makes a"
                    + " hypothesis test or limit on it impossible; let it float (pyhf raises InvalidModel)");
        }
        return model;
    }

    /** @return the measurement name given, or null for the first */
    public String measurement() {
        return measurement;
    }

    /**
     * A signal point of a batch: its name (the patchset's patch name, or the patch file's name without
     * {@code patch.} and {@code .json}) and how to make its workspace: the background-only document (read
     * once for the whole batch) with the point's patch applied, exactly as {@link WorkspaceSource} does for a
     * single point.
     *
     * @param name the point's name, the {@code "point"} field of its output
     * @param sourceName the workspace and patch, for messages (as {@link WorkspaceSource#name()})
     * @param background the background-only document (not modified)
     * @param patch the point's patch; read when the point runs, so that a bad patch fails only its point
     */
    public record Point(String name, String sourceName, JsonNode background, Supplier<WorkspacePatch> patch) {

        /**
         * @return the point's workspace: the background with the patch applied
         * @throws InvalidWorkspaceException naming the patch or workspace and what is wrong
         */
        public Workspace workspace() {
            return WorkspaceIO.fromTree(WorkspacePatch.applyAll(background, List.of(patch.get())), sourceName);
        }
    }

    /**
     * @param allPoints whether {@code --all-points} was given
     * @return whether the command runs a batch of points: {@code --all-points}, or {@code --patch} given more
     *         than once (each patch is then one point, applied alone to the workspace)
     */
    public boolean isBatch(boolean allPoints) {
        return allPoints || patches.size() > 1;
    }

    /**
     * The points of a batch ({@link #isBatch}): every patch of the {@code --patchset} with {@code --all-points},
     * else one point per {@code --patch}. The workspace is read, and the patchset's digest of it checked, once.
     *
     * @param allPoints whether {@code --all-points} was given
     * @return the points, in the order given (patchset order)
     * @throws InvalidInputException for options that do not make a batch, or a patchset made for another workspace
     */
    public List<Point> points(boolean allPoints) {
        List<Point> out = new ArrayList<>();
        if (allPoints) {
            if (patchset == null) {
                throw new InvalidInputException("--all-points needs a patchset: give --patchset FILE");
            }
            if (point != null) {
                throw new InvalidInputException("--all-points runs every patch of the patchset; drop --point " + point);
            }
            if (!patches.isEmpty()) {
                throw new InvalidInputException("--all-points runs every patch of the patchset; drop --patch");
            }
            PatchSet set = PatchSet.read(patchset);
            JsonNode background = WorkspaceIO.readTree(workspace, "workspace");
            set.verify(background, workspace.toString());
            for (PatchSet.Entry e : set.patches()) {
                String sourceName = new WorkspaceSource(workspace, List.of(), patchset, e.name()).name();
                out.add(new Point(e.name(), sourceName, background, e::patch));
            }
            return out;
        }
        if (patchset != null) {
            throw new InvalidInputException("--patch given " + patches.size() + " times runs one point per patch; a"
                    + " --patchset is run point by point with --all-points, not combined with several --patch");
        }
        JsonNode background = WorkspaceIO.readTree(workspace, "workspace");
        Map<String, Integer> count = new HashMap<>();
        patches.forEach(p -> count.merge(stem(p), 1, Integer::sum));
        for (Path p : patches) {
            String name = count.get(stem(p)) > 1 ? p.toString() : stem(p);
            String sourceName = WorkspaceSource.of(workspace).withPatch(p).name();
            out.add(new Point(name, sourceName, background, () -> WorkspacePatch.read(p)));
        }
        return out;
    }

    /** {@code patch.sbottom_1300_850_60.json} -> {@code sbottom_1300_850_60}. */
    private static String stem(Path patch) {
        return patch.getFileName().toString().replaceFirst("^patch\\.", "").replaceFirst("\\.json$", "");
    }
}
