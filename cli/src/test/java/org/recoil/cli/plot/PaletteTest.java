package org.recoil.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {

    @Test
    void curvesDifferInColourOrMarkerWellPastThePaletteLength() {
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            seen.add(List.of(Palette.line(i), Palette.marker(i)));
        }
        assertEquals(40, seen.size());
    }

    @Test
    void signalOverlaysDifferInColourOrStroke() {
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            seen.add(List.of(Palette.signal(i), Palette.signalStroke(i)));
        }
        assertEquals(16, seen.size());
    }

    @Test
    void projectionsDifferInColourOrStroke() {
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            seen.add(List.of(Palette.projection(i), Palette.projectionStroke(i)));
        }
        assertEquals(12, seen.size());
    }
}
