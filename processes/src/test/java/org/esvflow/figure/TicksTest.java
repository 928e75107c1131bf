package org.esvflow.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void roundStepsAndLabels() {
        // 0.58° over 4 ticks: raw 0.145 → the next round step 0.2
        assertEquals(0.2, Ticks.step(115.86, 116.44, 4), 1e-12);
        assertEquals(List.of(116.0, 116.2, 116.4), Ticks.values(115.86, 116.44, 0.2).stream().map(v -> Math.rint(v * 1e9) / 1e9).toList());
        assertEquals(0.25, Ticks.next(0.2), 1e-12);
        assertEquals(0.5, Ticks.next(0.25), 1e-12);
        assertEquals(1.0, Ticks.next(0.5), 1e-12);
        assertEquals("116.2°E", Ticks.degrees(116.2, 0.2, true));
        assertEquals("39.25°N", Ticks.degrees(39.25, 0.25, false));
        assertEquals("75°W", Ticks.degrees(-75, 5, true));
        assertEquals("0°", Ticks.degrees(0, 1, false));
    }

    @Test
    void scaleBarTakesTheLongestRoundLength() {
        // 100 m/px over at most 283 px = 28.3 km → 20 km in 200 px, 4 segments
        ScaleBar.Bar bar = ScaleBar.fit(100, 283);
        assertEquals(20_000, bar.metres(), 1e-9);
        assertEquals(200, bar.pixels(), 1e-9);
        assertEquals("20 km", bar.label());
        // 3 m/px over 200 px = 600 m → 500 m, 5 segments
        bar = ScaleBar.fit(3, 200);
        assertEquals(500, bar.metres(), 1e-9);
        assertEquals(5, bar.segments());
        assertEquals("500 m", bar.label());
    }
}
