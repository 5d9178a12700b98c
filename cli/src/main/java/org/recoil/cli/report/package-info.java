/**
 * Reports of a recoil-mass search run by {@code recoil demo}, {@code recoil scan} and
 * {@code recoil project}: {@code limits.json}, {@code limits.csv}, a HEPData-style YAML table of the
 * g′ limit, {@code summary.txt} and plots, written into a staging folder that replaces the output
 * folder by one rename only when everything succeeded, under a lock that refuses a concurrent run
 * ({@link org.recoil.cli.report.OutputFolder}); the reports are byte-identical for the same inputs
 * and seed.
 */
package org.recoil.cli.report;
