package org.esvflow.routes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodsSectionTest {
    @Test
    void settingsAreListedOnceWithTheRunsTheyHeldIn() {
        List<List<String>> rows = List.of(
                List.of("year", "name", "value", "meaning"),
                List.of("2013", "singletons", "KEEP", "m1"),
                List.of("2013", "samples", "1972", "m2"),
                List.of("change:2013-2023", "singletons", "KEEP", "m1"),
                List.of("change:2013-2023", "samples", "1950", "m2"));
        assertEquals(List.of(
                List.of("runs", "name", "value", "meaning"),
                List.of("all", "singletons", "KEEP", "m1"),
                List.of("2013", "samples", "1972", "m2"),
                List.of("change:2013-2023", "samples", "1950", "m2")), MethodsSection.once(rows));
    }

    @Test
    void textIsEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", MethodsSection.esc("a <b> & \"c\""));
    }
}
