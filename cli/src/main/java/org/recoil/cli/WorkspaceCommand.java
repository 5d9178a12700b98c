package org.recoil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.WorkspaceEdits;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.Measurement;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code recoil workspace inspect|prune|patch|combine|rename|sort|digest}: pyhf-style helpers for JSON
 * workspaces; combine, rename, sort and digest give what {@code pyhf combine|rename|sort|digest} give
 * ({@link WorkspaceEdits}).
 */
@Command(name = "workspace", mixinStandardHelpOptions = true,
        description = "Inspect, prune, patch, combine, rename, sort or digest pyhf JSON workspaces.",
        subcommands = {WorkspaceCommand.Inspect.class, WorkspaceCommand.Prune.class, WorkspaceCommand.Patch.class,
            WorkspaceCommand.Combine.class, WorkspaceCommand.Rename.class, WorkspaceCommand.Sort.class,
            WorkspaceCommand.Digest.class})
public final class WorkspaceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return RecoilCli.EXIT_BAD_INPUT;
    }

    /**
     * {@code recoil workspace inspect WS.json [--patch P.json]... [--patchset S.json --point NAME] [--json]}:
     * channels, samples, modifiers, parameter counts of the (patched) workspace.
     */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Summarise channels, samples, modifiers, measurements and parameter counts.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceInput input;

        @Option(names = "--json", description = "print one JSON document on stdout")
        boolean json;

        @Override
        public Integer call() {
            Workspace ws = input.read();
            Map<String, String> modifierTypes = new TreeMap<>();
            Map<String, Integer> bins = new LinkedHashMap<>();
            List<Map<String, Object>> channels = new ArrayList<>();
            for (Channel c : ws.channels()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("name", c.name());
                cm.put("bins", c.nbins());
                cm.put("samples", c.samples().stream().map(Sample::name).toList());
                channels.add(cm);
                bins.put(c.name(), c.nbins());
                for (Sample s : c.samples()) {
                    for (Modifier m : s.modifiers()) {
                        modifierTypes.merge(m.name(), m.type(), (a, b) -> a.contains(b) ? a : a + "+" + b);
                    }
                }
            }
            // parameter counts of the compiled model (POI not required for counting)
            HistFactoryModel model;
            try {
                model = HistFactoryModel.of(ws, input.measurement(), ModelOptions.defaults().withoutPoi());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(input.name() + ": " + e.getMessage(), e);
            }
            Map<String, Integer> counts = new TreeMap<>();
            var p = model.parameters();
            Map<String, String> typeOfParameter = new LinkedHashMap<>();
            for (int i = 0; i < p.size(); i++) {
                String n = p.names().get(i);
                String base = n.contains("[") ? n.substring(0, n.indexOf('[')) : n;
                String type = modifierTypes.get(base);
                counts.merge(type, 1, Integer::sum);
                typeOfParameter.putIfAbsent(base, type);
            }
            int fixedCount = 0;
            for (int i = 0; i < p.size(); i++) {
                fixedCount += p.isFixed(i) ? 1 : 0;
            }
            List<Map<String, Object>> measurements = new ArrayList<>();
            for (Measurement m : ws.measurements()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("name", m.name());
                mm.put("poi", m.poi());
                mm.put("poi_in_model", modifierTypes.containsKey(m.poi()));
                measurements.add(mm);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("channels", channels);
                doc.put("samples", ws.sampleNames());
                List<Map<String, Object>> mods = new ArrayList<>();
                modifierTypes.forEach((n, t) -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("name", n);
                    e.put("type", t);
                    mods.add(e);
                });
                doc.put("modifiers", mods);
                doc.put("measurements", measurements);
                Map<String, Object> pc = new LinkedHashMap<>();
                pc.put("total", p.size());
                pc.put("fixed", fixedCount);
                pc.put("by_type", counts);
                doc.put("parameters", pc);
                doc.put("bins", model.mainSize());
                Json.print(out, doc);
            } else {
                out.printf("workspace %s: %d channels, %d bins, %d samples, %d modifiers, %d parameters (%d fixed)%n",
                        input.name(), ws.channels().size(), model.mainSize(), ws.sampleNames().size(),
                        modifierTypes.size(), p.size(), fixedCount);
                out.println("channels:");
                for (Map<String, Object> c : channels) {
                    out.printf("  %-30s %4d bins  samples %s%n", c.get("name"), (Integer) c.get("bins"), c.get("samples"));
                }
                out.println("measurements:");
                for (Map<String, Object> m : measurements) {
                    out.printf("  %-30s POI %s%s%n", m.get("name"), m.get("poi"),
                            Boolean.TRUE.equals(m.get("poi_in_model")) ? "" : " (not in the model: fit with --no-poi)");
                }
                out.println("parameters by modifier type:");
                counts.forEach((t, n) -> out.printf("  %-30s %4d%n", t, n));
                out.println("modifiers:");
                modifierTypes.forEach((n, t) -> out.printf("  %-50s %s%n", n, t));
                out.flush();
            }
            return RecoilCli.EXIT_OK;
        }
    }

    /** {@code recoil workspace prune WS.json --modifier X --sample Y --channel Z --out OUT.json}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove modifiers, samples and channels by name and write the pruned workspace.")
    static final class Prune implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "WS.json", description = "pyhf JSON workspace")
        Path workspace;

        @Option(names = "--modifier", paramLabel = "NAME", description = "modifier to remove (repeatable)")
        List<String> modifiers = new ArrayList<>();

        @Option(names = "--sample", paramLabel = "NAME", description = "sample to remove (repeatable)")
        List<String> samples = new ArrayList<>();

        @Option(names = "--channel", paramLabel = "NAME", description = "channel to remove (repeatable)")
        List<String> channels = new ArrayList<>();

        @Option(names = "--out", paramLabel = "OUT.json", required = true, description = "where to write the result")
        Path out;

        @Override
        public Integer call() {
            if (modifiers.isEmpty() && samples.isEmpty() && channels.isEmpty()) {
                throw new InvalidInputException("nothing to prune: give --modifier, --sample or --channel");
            }
            Workspace ws = WorkspaceIO.read(workspace);
            Workspace pruned;
            try {
                pruned = ws.prune(modifiers, samples, channels);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(workspace + ": " + e.getMessage(), e);
            }
            WorkspaceIO.write(pruned, out);
            spec.commandLine().getOut().printf("wrote %s: %d channels, %d samples, %d modifiers%n", out,
                    pruned.channels().size(), pruned.sampleNames().size(), pruned.modifierNames().size());
            spec.commandLine().getOut().flush();
            return RecoilCli.EXIT_OK;
        }
    }

    /**
     * {@code recoil workspace patch BKG.json PATCH.json... [--patchset S.json --point NAME] --out WS.json}:
     * applies RFC 6902 patches (and/or one patch of a pyhf patchset) to a background-only workspace, as
     * {@code pyhf patchset apply} / {@code jsonpatch} do, validates the result as a workspace and writes it
     * atomically (a temporary file renamed into place: never a partial file).
     */
    @Command(name = "patch", mixinStandardHelpOptions = true,
            description = "Apply JSON patches (RFC 6902) or a patchset point to a workspace and write the result.")
    static final class Patch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "BKG.json", description = "pyhf JSON workspace to patch")
        Path workspace;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATCH.json",
                description = "RFC 6902 patch files, applied in order (after the --patchset point)")
        List<Path> patches = new ArrayList<>();

        @Option(names = "--patchset", paramLabel = "FILE", description = "pyhf patchset file; apply its patch --point")
        Path patchset;

        @Option(names = "--point", paramLabel = "NAME|V1,V2,..",
                description = "patch of the --patchset, by name or by its values (comma-separated)")
        String point;

        @Option(names = "--out", paramLabel = "WS.json", required = true, description = "where to write the patched workspace")
        Path out;

        @Override
        public Integer call() {
            if (patches.isEmpty() && patchset == null) {
                throw new InvalidInputException("nothing to apply: give PATCH.json files or --patchset FILE --point NAME");
            }
            WorkspaceSource source = new WorkspaceSource(workspace, patches, patchset, point);
            Workspace ws = source.read();
            WorkspaceIO.write(ws, out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("wrote %s: %s, %d channels, %d samples, %d modifiers%n", out, source.name(),
                    ws.channels().size(), ws.sampleNames().size(), ws.modifierNames().size());
            o.flush();
            return RecoilCli.EXIT_OK;
        }
    }

    /** Writes a workspace document to {@code out} atomically, or prints it on stdout when {@code out} is null. */
    private static void emit(CommandSpec spec, JsonNode ws, Path out) {
        PrintWriter o = spec.commandLine().getOut();
        if (out == null) {
            o.println(WorkspaceIO.toJson(ws));
        } else {
            WorkspaceIO.write(ws, out);
            o.printf("wrote %s: %d channels, %d measurements%n", out, ws.get("channels").size(),
                    ws.get("measurements").size());
        }
        o.flush();
    }

    /**
     * {@code recoil workspace combine A.json B.json [--join none|outer|left outer|right outer] [--merge-channels]
     * [--out WS.json]}: {@code pyhf combine}.
     */
    @Command(name = "combine", mixinStandardHelpOptions = true,
            description = "Combine two workspaces into one (channels, observations, measurements), as pyhf combine does.")
    static final class Combine implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A.json", description = "first workspace")
        Path first;

        @Parameters(index = "1", paramLabel = "B.json", description = "second workspace")
        Path second;

        @Option(names = {"-j", "--join"}, paramLabel = "JOIN", defaultValue = "none",
                description = "none (default: no shared channel, observation or measurement names), outer (shared"
                        + " items must be identical; measurements merged), 'left outer' or 'right outer' (that side wins)")
        String join;

        @Option(names = "--merge-channels", description = "merge same-named channels sample by sample (outer joins only)")
        boolean mergeChannels;

        @Option(names = "--out", paramLabel = "WS.json", description = "write here (atomically) instead of stdout")
        Path out;

        @Override
        public Integer call() {
            JsonNode a = WorkspaceIO.readTree(first, "workspace");
            JsonNode b = WorkspaceIO.readTree(second, "workspace");
            emit(spec, WorkspaceEdits.combine(a, first.toString(), b, second.toString(), WorkspaceEdits.Join.of(join),
                    mergeChannels), out);
            return RecoilCli.EXIT_OK;
        }
    }

    /**
     * {@code recoil workspace rename WS.json [--channel OLD=NEW]... [--sample ..] [--modifier ..]
     * [--measurement ..] [--out WS.json]}: {@code pyhf rename}.
     */
    @Command(name = "rename", mixinStandardHelpOptions = true,
            description = "Rename channels, samples, modifiers (with their parameters and POI) and measurements, as pyhf rename does.")
    static final class Rename implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "WS.json", description = "pyhf JSON workspace")
        Path workspace;

        @Option(names = {"-c", "--channel"}, paramLabel = "OLD=NEW", description = "rename a channel (repeatable)")
        Map<String, String> channels = new LinkedHashMap<>();

        @Option(names = {"-s", "--sample"}, paramLabel = "OLD=NEW", description = "rename a sample (repeatable)")
        Map<String, String> samples = new LinkedHashMap<>();

        @Option(names = {"-m", "--modifier"}, paramLabel = "OLD=NEW",
                description = "rename a modifier, its parameter configuration and the POI of that name (repeatable)")
        Map<String, String> modifiers = new LinkedHashMap<>();

        @Option(names = "--measurement", paramLabel = "OLD=NEW", description = "rename a measurement (repeatable)")
        Map<String, String> measurements = new LinkedHashMap<>();

        @Option(names = "--out", paramLabel = "WS.json", description = "write here (atomically) instead of stdout")
        Path out;

        @Override
        public Integer call() {
            if (channels.isEmpty() && samples.isEmpty() && modifiers.isEmpty() && measurements.isEmpty()) {
                throw new InvalidInputException("nothing to rename: give --channel, --sample, --modifier or --measurement"
                        + " OLD=NEW");
            }
            JsonNode ws = WorkspaceIO.readTree(workspace, "workspace");
            emit(spec, WorkspaceEdits.rename(ws, workspace.toString(), channels, samples, modifiers, measurements), out);
            return RecoilCli.EXIT_OK;
        }
    }

    /** {@code recoil workspace sort WS.json [--out WS.json]}: {@code pyhf sort}. */
    @Command(name = "sort", mixinStandardHelpOptions = true,
            description = "Sort channels, samples, modifiers, measurements and observations by name, as pyhf sort does.")
    static final class Sort implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "WS.json", description = "pyhf JSON workspace")
        Path workspace;

        @Option(names = "--out", paramLabel = "WS.json", description = "write here (atomically) instead of stdout")
        Path out;

        @Override
        public Integer call() {
            emit(spec, WorkspaceEdits.sorted(WorkspaceIO.readTree(workspace, "workspace"), workspace.toString()), out);
            return RecoilCli.EXIT_OK;
        }
    }

    /** {@code recoil workspace digest WS.json [--algorithm sha256|md5]... [--json]}: {@code pyhf digest}. */
    @Command(name = "digest", mixinStandardHelpOptions = true,
            description = "Print the workspace's digest (sha256:<hex>) exactly as pyhf digest does.")
    static final class Digest implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "WS.json", description = "pyhf JSON workspace")
        Path workspace;

        @Option(names = {"-a", "--algorithm"}, paramLabel = "ALG", description = "sha256 (default) or md5; repeatable")
        List<String> algorithms = new ArrayList<>();

        @Option(names = "--json", description = "print {\"ALG\": \"hex\", ...} instead of ALG:hex lines")
        boolean json;

        @Override
        public Integer call() {
            JsonNode ws = WorkspaceIO.readTree(workspace, "workspace");
            WorkspaceIO.fromTree(ws, workspace.toString());
            List<String> algs = algorithms.isEmpty() ? List.of("sha256") : algorithms;
            Map<String, Object> digests = new TreeMap<>();
            List<String> lines = new ArrayList<>();
            for (String a : algs) {
                String d = WorkspaceEdits.digest(ws, a);
                lines.add(d);
                digests.put(a, d.substring(d.indexOf(':') + 1));
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                Json.print(o, digests);
            } else {
                lines.forEach(o::println);
                o.flush();
            }
            return RecoilCli.EXIT_OK;
        }
    }
}
