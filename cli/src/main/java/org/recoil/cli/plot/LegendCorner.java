package org.recoil.cli.plot;

/** Where the legend of a plot goes. Inside positions leave room above the data for the legend. */
public enum LegendCorner {
    /** The corner each plot type chooses for its usual shape of data. */
    AUTO,
    /** Inside the plot, top right. */
    TOP_RIGHT,
    /** Inside the plot, top left. */
    TOP_LEFT,
    /** Inside the plot, bottom right. */
    BOTTOM_RIGHT,
    /** Inside the plot, bottom left. */
    BOTTOM_LEFT,
    /** Outside the plot, on the right (the plot gets narrower). */
    OUTSIDE_RIGHT
}
