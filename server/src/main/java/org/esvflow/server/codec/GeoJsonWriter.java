package org.esvflow.server.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.type.AttributeDescriptor;
import org.geotools.api.feature.type.GeometryDescriptor;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.data.simple.SimpleFeatureIterator;
import org.geotools.referencing.CRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Streams a feature collection as a GeoJSON FeatureCollection. Coordinates stay in the collection's CRS, x (easting,
 * longitude) first; a CRS other than WGS 84 is named in the legacy {@code crs} member, which GDAL and our reader
 * understand. Attributes other than the default geometry become properties (numbers, booleans, text).
 */
public final class GeoJsonWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private GeoJsonWriter() {}

    public static void write(SimpleFeatureCollection features, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            CoordinateReferenceSystem crs = features.getSchema().getCoordinateReferenceSystem();
            Integer epsg = crs == null ? null : epsg(crs);
            if (epsg != null && epsg != 4326) {
                g.writeObjectFieldStart("crs");
                g.writeStringField("type", "name");
                g.writeObjectFieldStart("properties");
                g.writeStringField("name", "urn:ogc:def:crs:EPSG::" + epsg);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeArrayFieldStart("features");
            GeometryDescriptor geometry = features.getSchema().getGeometryDescriptor();
            try (SimpleFeatureIterator it = features.features()) {
                while (it.hasNext()) {
                    SimpleFeature f = it.next();
                    g.writeStartObject();
                    g.writeStringField("type", "Feature");
                    g.writeStringField("id", f.getID());
                    g.writeFieldName("geometry");
                    Object geom = f.getDefaultGeometry();
                    if (geom instanceof Geometry jts) geometry(g, jts);
                    else g.writeNull();
                    g.writeObjectFieldStart("properties");
                    for (AttributeDescriptor a : f.getFeatureType().getAttributeDescriptors()) {
                        if (geometry != null && a.getLocalName().equals(geometry.getLocalName())) continue;
                        Object v = f.getAttribute(a.getLocalName());
                        g.writeFieldName(a.getLocalName());
                        if (v == null) g.writeNull();
                        else if (v instanceof Number n) g.writeNumber(n.toString());
                        else if (v instanceof Boolean b) g.writeBoolean(b);
                        else g.writeString(v.toString());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static Integer epsg(CoordinateReferenceSystem crs) {
        try {
            return CRS.lookupEpsgCode(crs, true);
        } catch (Exception e) {
            return null;
        }
    }

    static void geometry(JsonGenerator g, Geometry geom) throws IOException {
        g.writeStartObject();
        if (geom instanceof GeometryCollection c && !(geom instanceof MultiPoint || geom instanceof MultiLineString
                || geom instanceof MultiPolygon)) {
            g.writeStringField("type", "GeometryCollection");
            g.writeArrayFieldStart("geometries");
            for (int i = 0; i < c.getNumGeometries(); i++) geometry(g, c.getGeometryN(i));
            g.writeEndArray();
            g.writeEndObject();
            return;
        }
        g.writeStringField("type", geom.getGeometryType());
        g.writeFieldName("coordinates");
        coordinates(g, geom);
        g.writeEndObject();
    }

    private static void coordinates(JsonGenerator g, Geometry geom) throws IOException {
        if (geom instanceof Point p) {
            position(g, p.getCoordinate());
        } else if (geom instanceof LineString l) {
            positions(g, l.getCoordinates());
        } else if (geom instanceof Polygon p) {
            g.writeStartArray();
            positions(g, p.getExteriorRing().getCoordinates());
            for (int i = 0; i < p.getNumInteriorRing(); i++) positions(g, p.getInteriorRingN(i).getCoordinates());
            g.writeEndArray();
        } else {
            g.writeStartArray();
            for (int i = 0; i < geom.getNumGeometries(); i++) coordinates(g, geom.getGeometryN(i));
            g.writeEndArray();
        }
    }

    private static void positions(JsonGenerator g, Coordinate[] cs) throws IOException {
        g.writeStartArray();
        for (Coordinate c : cs) position(g, c);
        g.writeEndArray();
    }

    private static void position(JsonGenerator g, Coordinate c) throws IOException {
        g.writeStartArray();
        g.writeNumber(c.getX());
        g.writeNumber(c.getY());
        g.writeEndArray();
    }
}
