/**
 * Headless plots of a recoil-mass search, written as PNG and SVG with XChart.
 *
 * <p>Four figures, each built from plain data records that do not depend on the rest of Recoil:
 * <ul>
 *   <li>{@link org.recoil.cli.plot.StackedHistogram}: the recoil-mass distribution, data points with
 *       error bars against stacked backgrounds, with signal overlays;</li>
 *   <li>{@link org.recoil.cli.plot.BandSeries}: an upper limit versus mass with the expected median and
 *       its ±1σ (green) and ±2σ (yellow) bands, the "Brazil band";</li>
 *   <li>{@link org.recoil.cli.plot.CouplingLimitData}: the limit on the coupling g′ versus mass with
 *       the (g−2)<sub>μ</sub>-favoured bands and luminosity projections;</li>
 *   <li>{@link org.recoil.cli.plot.LuminosityScan}: expected limits versus integrated luminosity.</li>
 * </ul>
 * {@link org.recoil.cli.plot.Plots} builds the charts and writes them;
 * {@link org.recoil.cli.plot.PlotOptions} carries title, axis labels, log scales, the
 * "SYNTHETIC DATA" label, notes and size. Invalid data raise
 * {@link org.recoil.core.InvalidInputException} before anything is written, and files are written
 * through a temporary file and an atomic move, so a reader never sees a partial plot.
 */
package org.recoil.cli.plot;
