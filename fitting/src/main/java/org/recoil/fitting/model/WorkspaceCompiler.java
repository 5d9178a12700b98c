package org.recoil.fitting.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Measurement;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.ParameterConfig;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;

/**
 * Compiles a pyhf workspace into the flat arrays of a {@link HistFactoryModel}, in numbered steps (pyhf's
 * model construction: channels and samples in model order, parameter sets per modifier name with their
 * configuration, slices of the parameter vector, per-modifier-type kernels on the flat sample-bin arrays,
 * constraint terms and auxiliary data, observations). Used once per model; the fields are read by
 * {@link HistFactoryModel}'s constructor.
 */
final class WorkspaceCompiler {
    /** Kinds of parameter sets, in pyhf's modifier-type order for the same name. */
    enum Kind { ALPHA, LUMI, NORMFACTOR, SHAPEFACTOR, SHAPESYS, STATERROR }

    private static final List<String> TYPE_ORDER =
            List.of("histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror");
    private static final double LN_2PI = Math.log(2 * Math.PI);

    /** One parameter set (a modifier name): its slice of the parameter vector and configuration. */
    static final class ParSet {
        final String name;
        final Kind kind;
        final String type;
        final int n;
        int offset;
        double[] init;
        double[] lower;
        double[] upper;
        boolean[] fixed;
        double[] aux;
        double[] sigma;
        double[] tau;
        /** staterror: channels covered, in model order; component offset of each. */
        final Map<Integer, Integer> channelComponent = new LinkedHashMap<>();

        ParSet(String name, Kind kind, String type, int n) {
            this.name = name;
            this.kind = kind;
            this.type = type;
            this.n = n;
            init = new double[n];
            lower = new double[n];
            upper = new double[n];
            fixed = new boolean[n];
        }

        void defaults(double i, double lo, double hi) {
            Arrays.fill(init, i);
            Arrays.fill(lower, lo);
            Arrays.fill(upper, hi);
        }

        /** pyhf's names: {@code name[i]} for parameter sets of more than one component, else {@code name}. */
        String componentName(int i) {
            return n == 1 ? name : name + "[" + i + "]";
        }

        boolean constrained() {
            return kind != Kind.NORMFACTOR && kind != Kind.SHAPEFACTOR;
        }
    }

    /** A modifier on a block. */
    record Occurrence(int channel, int block, Sample sample, Modifier modifier) {
    }

    final Workspace ws;
    final Measurement measurement;
    final ModelOptions options;
    final List<String> channelNames = new ArrayList<>();
    int[] channelOffset;
    int[] channelBins;
    int mainSize;
    final List<String> blockLabels = new ArrayList<>();
    int[] blockStart;
    int[] blockChannel;
    double[] nominal;
    int[] binMain;
    final List<Occurrence> occurrences = new ArrayList<>();
    final Map<String, ParSet> sets = new LinkedHashMap<>();
    Parameters parameters;
    int[] sfStart;
    int[] sfParam;
    int[] sfNormsys;
    InterpolationKernel normsysKernel;
    int[] bfStart;
    int[] bfParam;
    int[] hsParam;
    int[] hsBlock;
    int[] hsTriple;
    InterpolationKernel histosysKernel;
    boolean hsLinear;
    int[] hlStart;
    int[] hlParam;
    int[] hlBin;
    double[] hlLinear;
    double[] hlBasis;
    int[] binBlock;
    int[] gParam;
    int[] gAux;
    double[] gInvVar;
    double gConstant;
    int[] pParam;
    int[] pAux;
    double[] pTau;
    double[] auxNominal;
    ConstraintType[] constraintType;
    double[] constraintCentre;
    double[] constraintWidth;
    double[] observedMain;

    WorkspaceCompiler(Workspace ws, Measurement measurement, ModelOptions options) {
        this.ws = ws;
        this.measurement = measurement;
        this.options = options;
        layoutChannelsAndSamples();
        createParameterSets();
        applyMeasurementConfig();
        assignSlicesAndParameters();
        buildKernels();
        buildConstraints();
        checkObservations();
    }

    private String where(Occurrence o) {
        return "channel '" + channelNames.get(o.channel) + "', sample '" + o.sample.name() + "', modifier '"
                + o.modifier.name() + "' (" + o.modifier.type() + ")";
    }

    /** Step 1: channels and samples sorted by name (pyhf order), flat nominal rates, occurrences. */
    private void layoutChannelsAndSamples() {
        List<Channel> channels = new ArrayList<>(ws.channels());
        channels.sort(Comparator.comparing(Channel::name));
        channelOffset = new int[channels.size()];
        channelBins = new int[channels.size()];
        List<double[]> noms = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Integer> chans = new ArrayList<>();
        int e = 0;
        for (int c = 0; c < channels.size(); c++) {
            Channel ch = channels.get(c);
            channelNames.add(ch.name());
            channelOffset[c] = mainSize;
            channelBins[c] = ch.nbins();
            List<Sample> samples = new ArrayList<>(ch.samples());
            samples.sort(Comparator.comparing(Sample::name));
            for (Sample s : samples) {
                int k = blockLabels.size();
                blockLabels.add(ch.name() + "/" + s.name());
                starts.add(e);
                chans.add(c);
                double[] d = s.data();
                for (int b = 0; b < d.length; b++) {
                    if (d[b] < 0) {
                        throw new InvalidWorkspaceException("channel '" + ch.name() + "', sample '" + s.name()
                                + "', bin " + b + ": negative nominal yield " + d[b] + ", expected >= 0");
                    }
                }
                noms.add(d);
                e += d.length;
                List<Modifier> mods = new ArrayList<>(s.modifiers());
                mods.sort(Comparator.comparing(Modifier::name).thenComparing(Modifier::type));
                for (Modifier m : mods) {
                    occurrences.add(new Occurrence(c, k, s, m));
                }
            }
            mainSize += ch.nbins();
        }
        blockStart = new int[starts.size() + 1];
        blockChannel = new int[starts.size()];
        for (int k = 0; k < starts.size(); k++) {
            blockStart[k] = starts.get(k);
            blockChannel[k] = chans.get(k);
        }
        blockStart[starts.size()] = e;
        nominal = new double[e];
        binMain = new int[e];
        for (int k = 0; k < noms.size(); k++) {
            System.arraycopy(noms.get(k), 0, nominal, blockStart[k], noms.get(k).length);
            for (int b = 0; b < noms.get(k).length; b++) {
                binMain[blockStart[k] + b] = channelOffset[blockChannel[k]] + b;
            }
        }
    }

    private static Kind kindOf(Modifier m) {
        if (m instanceof Modifier.NormSys || m instanceof Modifier.HistoSys) {
            return Kind.ALPHA;
        } else if (m instanceof Modifier.Lumi) {
            return Kind.LUMI;
        } else if (m instanceof Modifier.NormFactor) {
            return Kind.NORMFACTOR;
        } else if (m instanceof Modifier.ShapeFactor) {
            return Kind.SHAPEFACTOR;
        } else if (m instanceof Modifier.ShapeSys) {
            return Kind.SHAPESYS;
        }
        return Kind.STATERROR;
    }

    /** Step 2: one parameter set per modifier name, registered in pyhf's order, with defaults. */
    private void createParameterSets() {
        Map<String, List<Occurrence>> byName = new LinkedHashMap<>();
        for (Occurrence o : occurrences) {
            byName.computeIfAbsent(o.modifier.name(), x -> new ArrayList<>()).add(o);
        }
        for (String type : TYPE_ORDER) {
            Set<String> names = type.equals("staterror") ? new TreeSet<>() : new LinkedHashSet<>();
            for (Occurrence o : occurrences) {
                if (o.modifier.type().equals(type)) {
                    names.add(o.modifier.name());
                }
            }
            for (String name : names) {
                ParSet existing = sets.get(name);
                Occurrence first = byName.get(name).stream().filter(o -> o.modifier.type().equals(type))
                        .findFirst().orElseThrow();
                Kind kind = kindOf(first.modifier);
                if (existing != null) {
                    if (existing.kind != kind) {
                        throw new InvalidWorkspaceException("modifier name '" + name + "' is used with incompatible"
                                + " types " + existing.type + " and " + type + " (" + where(first)
                                + "); only normsys and histosys may share a parameter");
                    }
                    continue;
                }
                List<Occurrence> occ = byName.get(name).stream().filter(o -> kindOf(o.modifier) == kind).toList();
                sets.put(name, createSet(name, kind, type, occ));
            }
        }
    }

    private ParSet createSet(String name, Kind kind, String type, List<Occurrence> occ) {
        switch (kind) {
            case ALPHA -> {
                ParSet p = new ParSet(name, kind, type, 1);
                p.defaults(0, -5, 5);
                p.aux = new double[] {0};
                p.sigma = new double[] {1};
                return p;
            }
            case NORMFACTOR -> {
                ParSet p = new ParSet(name, kind, type, 1);
                p.defaults(1, 0, 10);
                return p;
            }
            case LUMI -> {
                return new ParSet(name, kind, type, 1); // configured from the measurement in step 3
            }
            case SHAPEFACTOR -> {
                int n = channelBins[occ.get(0).channel];
                for (Occurrence o : occ) {
                    int nb = channelBins[o.channel];
                    if (nb != n) {
                        throw new InvalidWorkspaceException(where(o) + ": shapefactor '" + name + "' has " + n
                                + " bins elsewhere but this channel has " + nb + "; a shared shapefactor needs"
                                + " channels with equal bin counts");
                    }
                }
                ParSet p = new ParSet(name, kind, type, n);
                p.defaults(1, 0, 10);
                return p;
            }
            case SHAPESYS -> {
                if (occ.size() != 1) {
                    throw new InvalidWorkspaceException(where(occ.get(1)) + ": shapesys '" + name + "' also appears"
                            + " in " + where(occ.get(0)) + "; shapesys parameters are per sample (pyhf does not"
                            + " share them): give each a unique name");
                }
                Occurrence o = occ.get(0);
                double[] nom = o.sample.data();
                double[] unc = ((Modifier.ShapeSys) o.modifier).data();
                ParSet p = new ParSet(name, kind, type, nom.length);
                p.defaults(1, 1e-10, 10);
                p.tau = new double[nom.length];
                p.aux = new double[nom.length];
                for (int b = 0; b < nom.length; b++) {
                    boolean valid = nom[b] > 0 && unc[b] > 0;
                    p.tau[b] = valid ? nom[b] * nom[b] / (unc[b] * unc[b]) : 1.0;
                    p.aux[b] = p.tau[b];
                    p.fixed[b] = !valid;
                }
                return p;
            }
            case STATERROR -> {
                return staterrorSet(name, type, occ);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** staterror: components over the channels it covers; σ_rel = √(Σσ²)/Σnominal per bin. */
    private ParSet staterrorSet(String name, String type, List<Occurrence> occ) {
        Map<String, Set<Integer>> channelsOfSample = new LinkedHashMap<>();
        for (Occurrence o : occ) {
            channelsOfSample.computeIfAbsent(o.sample.name(), x -> new TreeSet<>()).add(o.channel);
        }
        Set<Integer> chans = null;
        String firstSample = null;
        for (var en : channelsOfSample.entrySet()) {
            if (chans == null) {
                chans = en.getValue();
                firstSample = en.getKey();
            } else if (!chans.equals(en.getValue())) {
                throw new InvalidWorkspaceException("staterror '" + name + "' is on sample '" + firstSample
                        + "' in channels " + names(chans) + " but on sample '" + en.getKey() + "' in channels "
                        + names(en.getValue()) + "; every sample carrying it must carry it in the same channels");
            }
        }
        int n = 0;
        Map<Integer, Integer> comp = new LinkedHashMap<>();
        for (int c : chans) {
            comp.put(c, n);
            n += channelBins[c];
        }
        double[] nomSum = new double[n];
        double[] varSum = new double[n];
        for (Occurrence o : occ) {
            int off = comp.get(o.channel);
            double[] nom = o.sample.data();
            double[] unc = ((Modifier.StatError) o.modifier).data();
            for (int b = 0; b < nom.length; b++) {
                nomSum[off + b] += nom[b];
                varSum[off + b] += unc[b] * unc[b];
            }
        }
        ParSet p = new ParSet(name, Kind.STATERROR, type, n);
        p.defaults(1, 1e-10, 10);
        p.aux = new double[n];
        p.sigma = new double[n];
        Arrays.fill(p.aux, 1.0);
        for (int i = 0; i < n; i++) {
            double rel = nomSum[i] > 0 ? Math.sqrt(varSum[i]) / nomSum[i] : 0.0;
            p.fixed[i] = rel == 0;
            p.sigma[i] = rel == 0 ? 1.0 : rel;
        }
        p.channelComponent.putAll(comp);
        return p;
    }

    private List<String> names(Set<Integer> chans) {
        return chans.stream().map(channelNames::get).toList();
    }

    /** Step 3: the measurement's parameter configs override defaults (pyhf's reduce step). */
    private void applyMeasurementConfig() {
        String where = "measurement '" + measurement.name() + "'";
        for (ParameterConfig pc : measurement.parameters()) {
            ParSet p = sets.get(pc.name());
            if (p == null) {
                continue; // pyhf ignores configs of parameters the model does not have
            }
            String w = where + ", parameter '" + pc.name() + "' (" + p.type + ")";
            if (pc.inits() != null) {
                p.init = sized(pc.inits(), p.n, w + " inits");
            }
            if (pc.bounds() != null) {
                double[][] b = pc.bounds();
                if (b.length != p.n) {
                    throw new InvalidWorkspaceException(w + ": " + b.length + " bounds given, expected " + p.n);
                }
                for (int i = 0; i < p.n; i++) {
                    p.lower[i] = b[i][0];
                    p.upper[i] = b[i][1];
                }
            }
            if (pc.fixed() != null) {
                Arrays.fill(p.fixed, pc.fixed());
            }
            if (pc.auxdata() != null) {
                if (!p.constrained()) {
                    throw new InvalidWorkspaceException(w + ": auxdata given but a " + p.type
                            + " parameter has no constraint term");
                }
                p.aux = sized(pc.auxdata(), p.n, w + " auxdata");
                if (p.kind == Kind.SHAPESYS) {
                    throw new InvalidWorkspaceException(w + ": auxdata of shapesys is derived from the sample and"
                            + " cannot be configured");
                }
            }
            if (pc.sigmas() != null) {
                if (p.kind != Kind.LUMI && p.kind != Kind.STATERROR) {
                    throw new InvalidWorkspaceException(w + ": sigmas given but " + p.type
                            + " does not use sigmas (only lumi and staterror do)");
                }
                p.sigma = sized(pc.sigmas(), p.n, w + " sigmas");
            }
        }
        for (ParSet p : sets.values()) {
            if (p.kind == Kind.LUMI) {
                ParameterConfig pc = measurement.parameters().stream().filter(x -> x.name().equals(p.name))
                        .findFirst().orElse(null);
                if (pc == null || p.aux == null || p.sigma == null) {
                    throw new InvalidWorkspaceException(where + ": the lumi parameter '" + p.name + "' needs a"
                            + " parameter config with auxdata and sigmas");
                }
                if (pc.inits() == null) {
                    p.init[0] = p.aux[0];
                }
                if (pc.bounds() == null) {
                    p.lower[0] = Math.max(0, p.aux[0] - 5 * p.sigma[0]);
                    p.upper[0] = p.aux[0] + 5 * p.sigma[0];
                }
            }
            for (int i = 0; i < p.n; i++) {
                String pn = p.componentName(i);
                if (!(p.lower[i] <= p.upper[i])) {
                    throw new InvalidWorkspaceException(where + ", parameter '" + pn + "': inconsistent bounds ["
                            + p.lower[i] + ", " + p.upper[i] + "], expected lower <= upper");
                }
                if (p.init[i] < p.lower[i] || p.init[i] > p.upper[i]) {
                    throw new InvalidWorkspaceException(where + ", parameter '" + pn + "': init " + p.init[i]
                            + " is outside its bounds [" + p.lower[i] + ", " + p.upper[i] + "]");
                }
            }
        }
    }

    private static double[] sized(double[] v, int n, String what) {
        if (v.length != n) {
            throw new InvalidWorkspaceException(what + ": " + v.length + " values given, expected " + n);
        }
        return v;
    }

    /** Step 4: slices of the flat parameter vector, names, POI. */
    private void assignSlicesAndParameters() {
        List<String> names = new ArrayList<>();
        int offset = 0;
        for (ParSet p : sets.values()) {
            p.offset = offset;
            offset += p.n;
            for (int i = 0; i < p.n; i++) {
                names.add(p.componentName(i));
            }
        }
        Set<String> unique = new LinkedHashSet<>(names);
        if (unique.size() != names.size()) {
            List<String> dup = new ArrayList<>(names);
            unique.forEach(dup::remove);
            throw new InvalidWorkspaceException("duplicate parameter names " + dup
                    + " (a modifier name collides with an indexed name of a vector parameter)");
        }
        double[] init = new double[offset];
        double[] lo = new double[offset];
        double[] hi = new double[offset];
        boolean[] fixed = new boolean[offset];
        for (ParSet p : sets.values()) {
            System.arraycopy(p.init, 0, init, p.offset, p.n);
            System.arraycopy(p.lower, 0, lo, p.offset, p.n);
            System.arraycopy(p.upper, 0, hi, p.offset, p.n);
            System.arraycopy(p.fixed, 0, fixed, p.offset, p.n);
        }
        String poi = options.poi() == null ? measurement.poi() : options.poi();
        int poiIndex = -1;
        if (!poi.isEmpty()) {
            ParSet p = sets.get(poi);
            if (p == null) {
                String known = sets.size() <= 20 ? "parameters are " + sets.keySet() : sets.size() + " parameters";
                throw new InvalidWorkspaceException("the parameter of interest '" + poi + "' of measurement '"
                        + measurement.name() + "' is not a modifier of the workspace (" + known + "); fit"
                        + " without a POI for a background-only workspace (ModelOptions.withoutPoi(), CLI --no-poi)");
            }
            if (p.n != 1) {
                throw new InvalidWorkspaceException("the parameter of interest '" + poi + "' has " + p.n
                        + " components; the POI must be a scalar parameter");
            }
            poiIndex = p.offset;
        }
        if (offset == 0) {
            throw new InvalidWorkspaceException("the workspace has no modifiers, so the model has no parameters");
        }
        parameters = new Parameters(names, init, lo, hi, fixed, poiIndex);
    }

    /** Step 5: per-modifier-type entries on the flat block arrays. */
    private void buildKernels() {
        int nb = blockLabels.size();
        int e = nominal.length;
        List<List<int[]>> scalar = new ArrayList<>();
        for (int k = 0; k < nb; k++) {
            scalar.add(new ArrayList<>());
        }
        List<List<Integer>> perBin = new ArrayList<>();
        for (int i = 0; i < e; i++) {
            perBin.add(new ArrayList<>());
        }
        List<double[]> nsTriples = new ArrayList<>();
        List<String> nsNames = new ArrayList<>();
        List<int[]> hs = new ArrayList<>();
        List<double[]> hsTriples = new ArrayList<>();
        List<String> hsNames = new ArrayList<>();
        for (Occurrence o : occurrences) {
            ParSet p = sets.get(o.modifier.name());
            int k = o.block;
            int start = blockStart[k];
            int n = blockStart[k + 1] - start;
            Modifier m = o.modifier;
            if (m instanceof Modifier.NormFactor || m instanceof Modifier.Lumi) {
                scalar.get(k).add(new int[] {p.offset, -1});
            } else if (m instanceof Modifier.NormSys ns) {
                scalar.get(k).add(new int[] {p.offset, nsTriples.size()});
                nsTriples.add(new double[] {ns.lo(), 1.0, ns.hi()});
                nsNames.add(where(o));
            } else if (m instanceof Modifier.HistoSys h) {
                hs.add(new int[] {p.offset, k, hsTriples.size()});
                double[] hiD = h.hiData();
                double[] loD = h.loData();
                for (int b = 0; b < n; b++) {
                    hsTriples.add(new double[] {loD[b], nominal[start + b], hiD[b]});
                    hsNames.add(where(o) + ", bin " + b);
                }
            } else if (m instanceof Modifier.StatError) {
                int comp = p.channelComponent.get(o.channel);
                for (int b = 0; b < n; b++) {
                    perBin.get(start + b).add(p.offset + comp + b);
                }
            } else {
                for (int b = 0; b < n; b++) { // shapesys, shapefactor: component = bin
                    perBin.get(start + b).add(p.offset + b);
                }
            }
        }
        sfStart = new int[nb + 1];
        int total = scalar.stream().mapToInt(List::size).sum();
        sfParam = new int[total];
        sfNormsys = new int[total];
        int j = 0;
        for (int k = 0; k < nb; k++) {
            sfStart[k] = j;
            for (int[] s : scalar.get(k)) {
                sfParam[j] = s[0];
                sfNormsys[j++] = s[1];
            }
        }
        sfStart[nb] = j;
        normsysKernel = kernel(options.normsysCode(), nsTriples, nsNames);
        bfStart = new int[e + 1];
        bfParam = new int[perBin.stream().mapToInt(List::size).sum()];
        j = 0;
        for (int i = 0; i < e; i++) {
            bfStart[i] = j;
            for (int q : perBin.get(i)) {
                bfParam[j++] = q;
            }
        }
        bfStart[e] = j;
        hsParam = new int[hs.size()];
        hsBlock = new int[hs.size()];
        hsTriple = new int[hs.size()];
        for (int h = 0; h < hs.size(); h++) {
            hsParam[h] = hs.get(h)[0];
            hsBlock[h] = hs.get(h)[1];
            hsTriple[h] = hs.get(h)[2];
        }
        histosysKernel = kernel(options.histosysCode(), hsTriples, hsNames);
        binBlock = new int[e];
        for (int k = 0; k < nb; k++) {
            Arrays.fill(binBlock, blockStart[k], blockStart[k + 1], k);
        }
        groupLinearHistosys();
    }

    /** Step 5b: for additive histosys codes, the (bin, S, A) entries of each parameter, contiguous. */
    private void groupLinearHistosys() {
        hsLinear = histosysKernel.hasLinearBasis();
        if (!hsLinear) {
            return;
        }
        Map<Integer, List<Integer>> byParam = new LinkedHashMap<>();
        for (int h = 0; h < hsParam.length; h++) {
            byParam.computeIfAbsent(hsParam[h], x -> new ArrayList<>()).add(h);
        }
        int total = 0;
        for (int h = 0; h < hsParam.length; h++) {
            total += blockStart[hsBlock[h] + 1] - blockStart[hsBlock[h]];
        }
        hlStart = new int[byParam.size() + 1];
        hlParam = new int[byParam.size()];
        hlBin = new int[total];
        hlLinear = new double[total];
        hlBasis = new double[total];
        int j = 0;
        int q = 0;
        for (var en : byParam.entrySet()) {
            hlStart[j] = q;
            hlParam[j++] = en.getKey();
            for (int h : en.getValue()) {
                int start = blockStart[hsBlock[h]];
                int len = blockStart[hsBlock[h] + 1] - start;
                for (int b = 0; b < len; b++) {
                    hlBin[q] = start + b;
                    hlLinear[q] = histosysKernel.linearCoefficient(hsTriple[h] + b);
                    hlBasis[q++] = histosysKernel.basisCoefficient(hsTriple[h] + b);
                }
            }
        }
        hlStart[j] = q;
    }

    private static InterpolationKernel kernel(InterpolationCode code, List<double[]> triples, List<String> names) {
        int n = triples.size();
        double[] lo = new double[n];
        double[] nom = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = triples.get(i)[0];
            nom[i] = triples.get(i)[1];
            hi[i] = triples.get(i)[2];
        }
        try {
            return new InterpolationKernel(code, lo, nom, hi, names.toArray(String[]::new));
        } catch (InvalidWorkspaceException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new InvalidWorkspaceException(e.getMessage(), e);
        }
    }

    /** Step 6: constraint terms and auxiliary data, in parameter order (pyhf's auxdata order). */
    private void buildConstraints() {
        int npar = parameters.size();
        constraintType = new ConstraintType[npar];
        constraintCentre = new double[npar];
        constraintWidth = new double[npar];
        Arrays.fill(constraintType, ConstraintType.NONE);
        Arrays.fill(constraintCentre, Double.NaN);
        Arrays.fill(constraintWidth, Double.NaN);
        List<Double> aux = new ArrayList<>();
        List<int[]> g = new ArrayList<>();
        List<Double> gSigma = new ArrayList<>();
        List<int[]> pz = new ArrayList<>();
        List<Double> tau = new ArrayList<>();
        for (ParSet p : sets.values()) {
            if (!p.constrained()) {
                continue;
            }
            for (int i = 0; i < p.n; i++) {
                int par = p.offset + i;
                if (p.kind == Kind.SHAPESYS) {
                    pz.add(new int[] {par, aux.size()});
                    tau.add(p.tau[i]);
                    constraintType[par] = ConstraintType.POISSON;
                    constraintCentre[par] = p.aux[i] / p.tau[i];
                    constraintWidth[par] = 1 / Math.sqrt(p.tau[i]);
                } else {
                    g.add(new int[] {par, aux.size()});
                    gSigma.add(p.sigma[i]);
                    constraintType[par] = ConstraintType.GAUSSIAN;
                    constraintCentre[par] = p.aux[i];
                    constraintWidth[par] = p.sigma[i];
                }
                aux.add(p.aux[i]);
            }
        }
        auxNominal = aux.stream().mapToDouble(Double::doubleValue).toArray();
        gParam = g.stream().mapToInt(x -> x[0]).toArray();
        gAux = g.stream().mapToInt(x -> x[1]).toArray();
        gInvVar = new double[g.size()];
        double constant = 0;
        for (int i = 0; i < g.size(); i++) {
            double s = gSigma.get(i);
            gInvVar[i] = 1 / (s * s);
            constant += 2 * Math.log(s) + LN_2PI;
        }
        gConstant = constant;
        pParam = pz.stream().mapToInt(x -> x[0]).toArray();
        pAux = pz.stream().mapToInt(x -> x[1]).toArray();
        pTau = tau.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Step 7: observed data in model order; no observed events where nothing can be expected. */
    private void checkObservations() {
        observedMain = new double[mainSize];
        for (int c = 0; c < channelNames.size(); c++) {
            double[] d = ws.observation(channelNames.get(c)).data();
            System.arraycopy(d, 0, observedMain, channelOffset[c], d.length);
        }
        double[] reach = new double[mainSize];
        for (int i = 0; i < nominal.length; i++) {
            reach[binMain[i]] += nominal[i];
        }
        for (int h = 0; h < hsParam.length; h++) {
            int k = hsBlock[h];
            for (int b = 0; b < blockStart[k + 1] - blockStart[k]; b++) {
                int t = hsTriple[h] + b;
                double[] out = new double[2];
                histosysKernel.shift(1, t, out, 0);
                double up = Math.abs(out[0]);
                histosysKernel.shift(-1, t, out, 0);
                reach[binMain[blockStart[k] + b]] += up + Math.abs(out[0]);
            }
        }
        for (int c = 0; c < channelNames.size(); c++) {
            for (int b = 0; b < channelBins[c]; b++) {
                int i = channelOffset[c] + b;
                if (reach[i] == 0 && observedMain[i] > 0) {
                    throw new InvalidWorkspaceException("channel '" + channelNames.get(c) + "', bin " + b + ": "
                            + observedMain[i] + " events observed but every sample expects 0 there (the"
                            + " likelihood would vanish); add a background or merge the bin");
                }
            }
        }
    }
}
