package org.esvflow.style;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColorMapTest {
    private static final List<ColorMap.Entry> ENTRIES = List.of(
            new ColorMap.Entry(0, 0x000000, 1, "a"),
            new ColorMap.Entry(10, 0xC8641E, 0.5, "b"),
            new ColorMap.Entry(20, 0xFFFFFF, 1, "c"));

    @Test
    void rampInterpolatesColourAndOpacity() {
        ColorMap ramp = new ColorMap(ColorMap.Type.RAMP, ENTRIES);
        // below the first entry: first colour, opaque
        assertEquals(0xFF000000, ramp.argb(-5, -9999));
        // halfway 0 -> 10: RGB (0,0,0)->(200,100,30) gives (100,50,15); alpha 255 -> 128 (round(0.5*255)) gives 191.5 -> 192
        assertEquals((192 << 24) | (100 << 16) | (50 << 8) | 15, ramp.argb(5, -9999));
        // three quarters 10 -> 20: (200,100,30)->(255,255,255): 241.25->241, 216.25->216, 198.75->199; alpha 128->255: 223.25->223
        assertEquals((223 << 24) | (241 << 16) | (216 << 8) | 199, ramp.argb(17.5, -9999));
        assertEquals(0xFFFFFFFF, ramp.argb(99, -9999));
        assertEquals(0, ramp.argb(-9999, -9999));
        assertEquals(0, ramp.argb(Double.NaN, -9999));
    }

    @Test
    void intervalsTakeTheUpperBoundEntry() {
        ColorMap intervals = new ColorMap(ColorMap.Type.INTERVALS, ENTRIES);
        assertEquals(0xFF000000, intervals.argb(-1, -9999)); // below 0
        assertEquals(0x80C8641E, intervals.argb(0, -9999)); // [0, 10) -> entry 10, opacity 0.5 -> 128
        assertEquals(0x80C8641E, intervals.argb(9.999, -9999));
        assertEquals(0xFFFFFFFF, intervals.argb(10, -9999)); // [10, 20)
        assertEquals(0, intervals.argb(20, -9999)); // at or above the last quantity: not painted
    }

    @Test
    void valuesPaintExactMatchesOnly() {
        ColorMap values = new ColorMap(ColorMap.Type.VALUES, ENTRIES);
        assertEquals(0x80C8641E, values.argb(10, -9999));
        assertEquals(0, values.argb(10.5, -9999));
        assertEquals(0, values.argb(0, 0)); // nodata wins over a matching entry
    }

    @Test
    void sldReaderScalesEntriesBySymbolizerOpacity(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path sld = dir.resolve("s.sld");
        java.nio.file.Files.writeString(sld, """
                <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"><NamedLayer><UserStyle>
                <FeatureTypeStyle><Rule><RasterSymbolizer><Opacity>0.5</Opacity>
                <ColorMap type="intervals"><ColorMapEntry color="#FF0000" quantity="10" opacity="0.5" label="low"/>
                <ColorMapEntry color="#00ff00" quantity="20"/></ColorMap></RasterSymbolizer></Rule></FeatureTypeStyle>
                </UserStyle></NamedLayer></StyledLayerDescriptor>""");
        ColorMap map = Sld.read(java.nio.file.Files.readAllBytes(sld), "test");
        assertEquals(ColorMap.Type.INTERVALS, map.type());
        // 0.5 * 0.5 = 0.25 -> round(63.75) = 64; 0.5 * 1 -> round(127.5) = 128
        assertEquals(0x40FF0000, map.argb(5, -9999));
        assertEquals(0x8000FF00, map.argb(15, -9999));
        assertEquals("low", map.entries().get(0).label());
    }

    @Test
    void shippedStylesAllParse() throws Exception {
        java.nio.file.Path styles = java.nio.file.Path.of("..", "geoserver-data", "styles");
        for (String name : List.of("esv", "esv_change", "rsei", "hai", "hotspots", "landuse")) {
            ColorMap map = Sld.read(java.nio.file.Files.readAllBytes(styles.resolve(name + ".sld")), "test");
            assertEquals(true, map.entries().size() >= 5, name);
        }
        // RSEI grades: 0.2 and 0.99 fall in the first and the last of five intervals
        ColorMap rsei = Sld.read(java.nio.file.Files.readAllBytes(styles.resolve("rsei.sld")), "test");
        assertEquals(0xFFD7191C, rsei.argb(0.1, -9999));
        assertEquals(0xFFFDAE61, rsei.argb(0.2, -9999));
        assertEquals(0xFF1A9641, rsei.argb(1.0, -9999));
    }

    @Test
    void sldWrittenAndReadBackKeepsEveryEntry() {
        ColorMap map = new ColorMap(ColorMap.Type.VALUES, ENTRIES);
        ColorMap back = Sld.read(Sld.write(map, "x & y"), "round trip");
        assertEquals(map.entries(), back.entries());
        assertEquals(ColorMap.Type.VALUES, back.type());
    }

    @Test
    void sldWithADoctypeOrNoColorMapIsRefusedByName() {
        byte[] doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".getBytes();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Sld.read(doctype, "style.sld"));
        assertEquals(true, e.getMessage().startsWith("style.sld: not a readable SLD"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Sld.read("<StyledLayerDescriptor/>".getBytes(), "empty.sld"));
        assertEquals("empty.sld: no RasterSymbolizer ColorMap", e.getMessage());
    }
}
