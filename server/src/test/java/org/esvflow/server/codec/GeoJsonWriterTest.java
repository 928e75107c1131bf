package org.esvflow.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import org.esvflow.vector.GeoJson;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.data.simple.SimpleFeatureIterator;
import org.geotools.feature.DefaultFeatureCollection;
import org.geotools.feature.simple.SimpleFeatureBuilder;
import org.geotools.feature.simple.SimpleFeatureTypeBuilder;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class GeoJsonWriterTest {
    @Test
    void polygonsRoundTripThroughOurReader() throws Exception {
        SimpleFeatureTypeBuilder tb = new SimpleFeatureTypeBuilder();
        tb.setName("zones");
        tb.setCRS(CRS.decode("EPSG:32650", true));
        tb.add("geom", Polygon.class);
        tb.add("name", String.class);
        tb.add("value", Double.class);
        SimpleFeatureBuilder fb = new SimpleFeatureBuilder(tb.buildFeatureType());
        DefaultFeatureCollection fc = new DefaultFeatureCollection();
        fb.add(new WKTReader().read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))"));
        fb.add("a");
        fb.add(1.5);
        fc.add(fb.buildFeature("z1"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonWriter.write(fc, out);
        SimpleFeatureCollection back = GeoJson.read(new ObjectMapper().readTree(out.toByteArray()), "t");
        try (SimpleFeatureIterator it = back.features()) {
            SimpleFeature f = it.next();
            // area: 100 outer - 4 hole = 96
            assertEquals(96.0, ((org.locationtech.jts.geom.Geometry) f.getDefaultGeometry()).getArea(), 1e-12);
            assertEquals("a", f.getAttribute("name"));
            assertEquals(1.5, f.getAttribute("value"));
        }
        assertEquals(Integer.valueOf(32650), CRS.lookupEpsgCode(back.getSchema().getCoordinateReferenceSystem(), true));
    }
}
