package org.recoil.cli.plot;

/**
 * Makes AWT run headless (no display needed) for plotting on servers and in CI.
 *
 * <p>Sets {@code java.awt.headless=true} unless the property was set explicitly (an application
 * with a window may set it to false; off-screen rendering to images works either way). The
 * property must be set before AWT first asks for the graphics environment, which is why every
 * entry point of this package calls {@link #ensure()} before touching AWT.
 */
final class Headless {

    static final String PROPERTY = "java.awt.headless";

    private Headless() {
    }

    /** Sets {@code java.awt.headless=true} if nobody chose a value. */
    static void ensure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
