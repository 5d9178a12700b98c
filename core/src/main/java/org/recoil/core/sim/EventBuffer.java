package org.recoil.core.sim;

import java.util.Arrays;

/** Growable column store of primitive doubles used while generating one block of events. */
final class EventBuffer {
    private final double[][] columns;
    private int size;

    EventBuffer(int columnCount, int initialCapacity) {
        columns = new double[columnCount][Math.max(16, initialCapacity)];
    }

    /** Appends a row with all columns 0 and returns its index. */
    int addRow() {
        if (size == columns[0].length) {
            int capacity = columns[0].length * 2;
            for (int c = 0; c < columns.length; c++) {
                columns[c] = Arrays.copyOf(columns[c], capacity);
            }
        }
        return size++;
    }

    void set(int column, int row, double value) {
        columns[column][row] = value;
    }

    int size() {
        return size;
    }

    double get(int column, int row) {
        return columns[column][row];
    }

    /** Copies {@code size()} values of the column into {@code target} at {@code offset}. */
    void copyColumn(int column, double[] target, int offset) {
        System.arraycopy(columns[column], 0, target, offset, size);
    }
}
