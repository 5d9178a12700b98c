package org.recoil.limits.scan;

/** What happened at one mass point of a scan; every point carries one, failed points are never dropped. */
public enum PointStatus {
    /** Limits computed without warnings. */
    OK(true),
    /** Limits computed, with warnings (e.g. few events for the asymptotic formulae); see the message. */
    WARNING(true),
    /**
     * The window holds no expected background (no background MC event in it): the likelihood has no
     * background to constrain and the asymptotic formulae do not apply; no limit is quoted. Widen the
     * window, add background MC, or drop the point.
     */
    NO_BACKGROUND(false),
    /** The signal efficiency in the window is zero: the data cannot constrain a signal there; no limit. */
    NO_SIGNAL(false),
    /** A fit or the limit search failed; the message says which and why. */
    FAILED(false);

    private final boolean hasLimit;

    PointStatus(boolean hasLimit) {
        this.hasLimit = hasLimit;
    }

    /** @return whether points with this status carry limits */
    public boolean hasLimit() {
        return hasLimit;
    }

    /** @return the lower-case name used in reports, e.g. {@code no_background} */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
