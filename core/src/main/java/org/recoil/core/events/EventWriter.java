package org.recoil.core.events;

import blue.strategic.parquet.ParquetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.recoil.core.InvalidInputException;
import org.recoil.core.io.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Writes {@link EventTable}s as CSV (Tablesaw) or Parquet (parquet-floor, no Hadoop) with the
 * default column names of {@link ColumnMapping#defaults()}, in the order
 * {@code mu1_px, mu1_py, mu1_pz, mu1_charge, mu2_px, mu2_py, mu2_pz, mu2_charge, n_muons,
 * extra_energy, weight, sample}. Doubles are written in Java's shortest exact decimal form (CSV) or
 * as IEEE doubles (Parquet), so {@link EventReader} reads back exactly the same table. Files are
 * written to a temporary file and moved into place, so a failure never leaves a partial file.
 */
public final class EventWriter {
    /** Names of the double columns, in {@link EventTable.Builder}'s internal order. */
    static final String[] DOUBLE_COLUMNS = {"mu1_px", "mu1_py", "mu1_pz", "mu2_px", "mu2_py", "mu2_pz", "extra_energy",
        "weight"};

    private EventWriter() {
    }

    /**
     * Writes CSV or Parquet according to the file extension ({@code .csv}, {@code .parquet}/{@code .pq}).
     *
     * @param table the events
     * @param file the target file
     * @throws InvalidInputException for another extension or when writing fails
     */
    public static void write(EventTable table, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            writeCsv(table, file);
        } else if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            writeParquet(table, file);
        } else {
            throw new InvalidInputException(file + ": unknown event file type: expected .csv, .parquet or .pq");
        }
    }

    /**
     * @param table the events
     * @param file the target CSV file
     * @throws InvalidInputException when writing fails
     */
    public static void writeCsv(EventTable table, Path file) {
        int n = table.size();
        String[] samples = new String[n];
        for (int i = 0; i < n; i++) {
            samples[i] = table.sample(i);
        }
        Table t = Table.create("events",
                DoubleColumn.create("mu1_px", table.mu1Px()),
                DoubleColumn.create("mu1_py", table.mu1Py()),
                DoubleColumn.create("mu1_pz", table.mu1Pz()),
                IntColumn.create("mu1_charge", table.charge1()),
                DoubleColumn.create("mu2_px", table.mu2Px()),
                DoubleColumn.create("mu2_py", table.mu2Py()),
                DoubleColumn.create("mu2_pz", table.mu2Pz()),
                IntColumn.create("mu2_charge", table.charge2()),
                IntColumn.create("n_muons", table.nMuons()),
                DoubleColumn.create("extra_energy", table.extraEnergy()),
                DoubleColumn.create("weight", table.weight()),
                StringColumn.create("sample", samples));
        AtomicFiles.write(file, p -> {
            try {
                t.write().csv(p.toFile());
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /**
     * @param table the events
     * @param file the target Parquet file
     * @throws InvalidInputException when writing fails
     */
    public static void writeParquet(EventTable table, Path file) {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.DOUBLE).named("mu1_px")
                .required(PrimitiveTypeName.DOUBLE).named("mu1_py")
                .required(PrimitiveTypeName.DOUBLE).named("mu1_pz")
                .required(PrimitiveTypeName.INT32).named("mu1_charge")
                .required(PrimitiveTypeName.DOUBLE).named("mu2_px")
                .required(PrimitiveTypeName.DOUBLE).named("mu2_py")
                .required(PrimitiveTypeName.DOUBLE).named("mu2_pz")
                .required(PrimitiveTypeName.INT32).named("mu2_charge")
                .required(PrimitiveTypeName.INT32).named("n_muons")
                .required(PrimitiveTypeName.DOUBLE).named("extra_energy")
                .required(PrimitiveTypeName.DOUBLE).named("weight")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sample")
                .named("events");
        double[] px1 = table.mu1Px();
        double[] py1 = table.mu1Py();
        double[] pz1 = table.mu1Pz();
        double[] px2 = table.mu2Px();
        double[] py2 = table.mu2Py();
        double[] pz2 = table.mu2Pz();
        int[] q1 = table.charge1();
        int[] q2 = table.charge2();
        int[] nMu = table.nMuons();
        double[] extra = table.extraEnergy();
        double[] w = table.weight();
        AtomicFiles.write(file, p -> {
            try (ParquetWriter<Integer> writer = ParquetWriter.writeFile(schema, p.toFile(), (i, out) -> {
                out.write("mu1_px", px1[i]);
                out.write("mu1_py", py1[i]);
                out.write("mu1_pz", pz1[i]);
                out.write("mu1_charge", q1[i]);
                out.write("mu2_px", px2[i]);
                out.write("mu2_py", py2[i]);
                out.write("mu2_pz", pz2[i]);
                out.write("mu2_charge", q2[i]);
                out.write("n_muons", nMu[i]);
                out.write("extra_energy", extra[i]);
                out.write("weight", w[i]);
                out.write("sample", table.sample(i));
            })) {
                for (int i = 0; i < table.size(); i++) {
                    writer.write(i);
                }
            }
        });
    }
}
