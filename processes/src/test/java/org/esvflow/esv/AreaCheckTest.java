package org.esvflow.esv;

import static org.esvflow.esv.TestGrids.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class AreaCheckTest {
    @Test
    void geographicPixelAreasMatchAnEqualAreaProjection() throws Exception {
        // 100 × 100 pixels of 0.001° over lon 117.0–117.1, lat 40.0–40.1, all water
        GridCoverage2D lu = TestGrids.of("lu", Rasters.grid(100, 100, 117.0, 40.1, 0.001, CRS.decode("EPSG:4326", true)),
                java.awt.image.DataBuffer.TYPE_BYTE, 255, (x, y) -> 5);
        Map<String, Object> out = new ValueProcess().execute(lu, 1.0, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, false, null, null, null, null, null);
        double rasterHa = number((Table) out.get("totals"), "quantity", "area_ha", "value");
        // Lambert azimuthal equal-area on WGS 84 centred on the box: areas are preserved exactly on the ellipsoid;
        // the box edges (parallels, meridians) become curves, so they are densified to 1e-5° before projecting
        String laea = "PROJCS[\"LAEA 117E 40N\", GEOGCS[\"WGS 84\", DATUM[\"WGS_1984\", SPHEROID[\"WGS 84\", 6378137, "
                + "298.257223563]], PRIMEM[\"Greenwich\", 0], UNIT[\"degree\", 0.017453292519943295]], "
                + "PROJECTION[\"Lambert_Azimuthal_Equal_Area\"], PARAMETER[\"latitude_of_center\", 40.05], "
                + "PARAMETER[\"longitude_of_center\", 117.05], PARAMETER[\"false_easting\", 0], "
                + "PARAMETER[\"false_northing\", 0], UNIT[\"metre\", 1]]";
        MathTransform toEqualArea = CRS.findMathTransform(CRS.decode("EPSG:4326", true), CRS.parseWKT(laea), true);
        Geometry box = JTS.transform(org.locationtech.jts.densify.Densifier.densify(
                new GeometryFactory().toGeometry(new Envelope(117.0, 117.1, 40.0, 40.1)), 1e-5), toEqualArea);
        double projectedHa = box.getArea() / 10_000;
        assertEquals(projectedHa, rasterHa, projectedHa * 1e-7);
        // and the independent numerical integration agrees
        assertEquals(EllipsoidArea.hectares(40.0, 40.1, 0.1), rasterHa, rasterHa * 1e-9);
        // a planar (non-ellipsoidal) lon/lat area would be ~1e4 × off; UTM 50N distorts by its scale factor only
        MathTransform toUtm = CRS.findMathTransform(CRS.decode("EPSG:4326", true), CRS.decode("EPSG:32650", true), true);
        Geometry utm = JTS.transform(org.locationtech.jts.densify.Densifier.densify(new GeometryFactory().toGeometry(new Envelope(117.0, 117.1, 40.0, 40.1)), 0.001), toUtm);
        assertEquals(1.0, utm.getArea() / 10_000 / rasterHa, 1e-3);
    }
}
