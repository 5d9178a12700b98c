/**
 * Reports of a recoil-mass search run by {@code recoil demo}, {@code recoil scan} and
 * {@code recoil project}: {@code limits.json}, {@code limits.csv}, a HEPData-style YAML table of the
 * g′ limit, {@code summary.txt} and plots, written into a staging folder and moved into the output
 * folder only when everything succeeded ({@link org.recoil.cli.report.OutputFolder}).
 */
package org.recoil.cli.report;
