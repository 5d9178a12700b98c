package org.recoil.cli.plot;

import java.nio.file.Path;

/**
 * The two files written for one plot.
 *
 * @param png the bitmap (PNG) file
 * @param svg the vector (SVG) file
 */
public record PlotFiles(Path png, Path svg) {
}
