package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;

class LuminosityTest {

    @Test
    void parsesTheUsualForms() {
        assertEquals(276.0, Luminosity.parse("276/pb").inversePicobarn());
        assertEquals(50_000.0, Luminosity.parse("50/fb").inversePicobarn());
        assertEquals(5e7, Luminosity.parse("50/ab").inversePicobarn());
        assertEquals(79_700.0, Luminosity.parse("79.7 fb^-1").inversePicobarn());
        assertEquals(79_700.0, Luminosity.parse("79.7fb-1").inversePicobarn());
        assertEquals(79_700.0, Luminosity.parse(" 79.7 fb⁻¹ ").inversePicobarn());
        assertEquals(79_700.0, Luminosity.parse("79.7 FB^(-1)").inversePicobarn());
        assertEquals(426_880.0, Luminosity.parse("426.88 / fb").inversePicobarn());
        assertEquals(0.5, Luminosity.parse("500/nb").inversePicobarn());
        assertEquals(1e3, Luminosity.parse("1e3/pb").inversePicobarn());
        assertEquals(250.0, Luminosity.parse(".25/fb").inversePicobarn());
        assertEquals(Luminosity.PHASE2_2018, Luminosity.parse("phase2_2018"));
        assertEquals(List.of(Luminosity.PHASE2_2018, Luminosity.MILESTONE_50_FB, Luminosity.GOAL_50_AB),
                Luminosity.parseList("276/pb,50/fb, 50/ab"));
        assertEquals(2.0, Luminosity.of(2.0, "FB").inverseFemtobarn());
        assertEquals(0.05, Luminosity.parse("50/fb").inverseAttobarn(), 1e-15);
    }

    @Test
    void rejectsGarbageWithAClearMessage() {
        for (String bad : new String[] {"", "   ", "276", "pb", "fifty/fb", "50/xb", "-50/fb", "0/fb", "NaN/fb",
            "Infinity/pb", "50/fb/ab", "50 fb", "50//fb", "1e999/ab", "50/fb,", "0x10/pb"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Luminosity.parse(bad), bad);
            assertTrue(e.getMessage().contains("luminosity"), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> Luminosity.parse(null));
        assertThrows(InvalidInputException.class, () -> Luminosity.parseList("276/pb,,50/fb"));
        assertThrows(InvalidInputException.class, () -> Luminosity.parseList(""));
        assertThrows(InvalidInputException.class, () -> new Luminosity(0.0));
        assertThrows(InvalidInputException.class, () -> Luminosity.of(Double.NaN, "fb"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Luminosity.parse("50/xb"));
        assertTrue(e.getMessage().contains("xb"), e.getMessage());
    }

    @Test
    void formatsWithTheNaturalUnitAndRoundTrips() {
        assertEquals("276/pb", Luminosity.PHASE2_2018.format());
        assertEquals("50/fb", Luminosity.MILESTONE_50_FB.format());
        assertEquals("79.7/fb", Luminosity.BELLE2_2023.format());
        assertEquals("426.88/fb", Luminosity.RUN1_2019_2022.format());
        assertEquals("50/ab", Luminosity.GOAL_50_AB.toString());
        assertEquals("0.5/pb", Luminosity.parse("500/nb").format());
        assertEquals("1/fb", Luminosity.parse("1000/pb").format());
        for (String text : new String[] {"276/pb", "0.123/pb", "12.5/fb", "3/ab", "123456/ab"}) {
            Luminosity l = Luminosity.parse(text);
            assertEquals(l, Luminosity.parse(l.format()), text);
        }
    }

    @Test
    void milestonesMatchTheReference() {
        JsonNode lumi = SharedReference.physics().get("luminosity");
        assertEquals(lumi.get("phase2_2018_pb").asDouble(), Luminosity.PHASE2_2018.inversePicobarn());
        assertEquals(lumi.get("milestone_fb").asDouble(), Luminosity.MILESTONE_50_FB.inverseFemtobarn());
        assertEquals(lumi.get("goal_ab").asDouble(), Luminosity.GOAL_50_AB.inverseAttobarn());
        assertEquals(lumi.get("run1_2019_2022_fb").asDouble(), Luminosity.RUN1_2019_2022.inverseFemtobarn(), 1e-12);
        assertEquals(5, Luminosity.milestones().size());
        assertEquals(Luminosity.GOAL_50_AB, Luminosity.milestones().get("goal_50ab"));
    }

    @Test
    void expectedEvents() {
        // Born mu mu: 775.9 pb x 276/pb
        assertEquals(775.9 * 276, Luminosity.PHASE2_2018.events(775.9), 1e-9);
    }
}
