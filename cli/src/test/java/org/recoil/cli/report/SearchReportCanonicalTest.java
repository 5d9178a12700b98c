package org.recoil.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchReportCanonicalTest {

    @Test
    void hashedMapsAreSortedAndOrderedMapsKeepTheirOrder() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("zeta", 1);
        ordered.put("alpha", Map.of("plus", 1.0, "minus", -1.0, "label", "x"));
        Map<String, Object> hashed = new HashMap<>();
        for (String k : List.of("q", "b", "x", "a", "m")) {
            hashed.put(k, k);
        }
        ordered.put("list", List.of(hashed, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ordered))));
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) SearchReport.canonical(ordered);
        assertEquals(List.of("zeta", "alpha", "list"), List.copyOf(c.keySet()));
        assertEquals(List.of("label", "minus", "plus"), List.copyOf(((Map<?, ?>) c.get("alpha")).keySet()));
        List<?> list = (List<?>) c.get("list");
        assertEquals(List.of("a", "b", "m", "q", "x"), List.copyOf(((Map<?, ?>) list.get(0)).keySet()));
        assertEquals(List.of("zeta", "alpha"), List.copyOf(((Map<?, ?>) list.get(1)).keySet()));
    }
}
