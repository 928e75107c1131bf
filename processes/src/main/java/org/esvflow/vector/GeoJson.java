package org.esvflow.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.feature.DefaultFeatureCollection;
import org.geotools.feature.simple.SimpleFeatureBuilder;
import org.geotools.feature.simple.SimpleFeatureTypeBuilder;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads GeoJSON FeatureCollections of (multi)polygons into a GeoTools feature collection. Coordinates are
 * longitude/latitude in WGS 84 (RFC 7946) unless the legacy {@code crs} member names another CRS.
 * Attribute types follow the first feature: numbers become Double, everything else String.
 */
public final class GeoJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private GeoJson() {}

    public static SimpleFeatureCollection read(Path file, String input) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(JSON.readTree(in), input);
        } catch (IOException e) {
            throw new InvalidInputException(input, "cannot read GeoJSON " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static SimpleFeatureCollection read(JsonNode root, String input) {
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw new InvalidInputException(input, "GeoJSON must be a FeatureCollection");
        }
        CoordinateReferenceSystem crs = crs(root, input);
        JsonNode features = root.path("features");
        Map<String, Class<?>> attributes = new LinkedHashMap<>();
        if (features.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> it = features.get(0).path("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                attributes.put(e.getKey(), e.getValue().isNumber() ? Double.class : String.class);
            }
        }
        SimpleFeatureTypeBuilder tb = new SimpleFeatureTypeBuilder();
        tb.setName("regions");
        tb.setCRS(crs);
        tb.add("geometry", Geometry.class);
        attributes.forEach(tb::add);
        SimpleFeatureType type = tb.buildFeatureType();
        DefaultFeatureCollection collection = new DefaultFeatureCollection(null, type);
        SimpleFeatureBuilder fb = new SimpleFeatureBuilder(type);
        int index = 0;
        for (JsonNode feature : features) {
            fb.set("geometry", geometry(feature.path("geometry"), input, index));
            JsonNode props = feature.path("properties");
            for (Map.Entry<String, Class<?>> a : attributes.entrySet()) {
                JsonNode v = props.get(a.getKey());
                if (v == null || v.isNull()) continue;
                fb.set(a.getKey(), a.getValue() == Double.class && v.isNumber() ? (Object) v.asDouble() : v.asText());
            }
            String id = feature.hasNonNull("id") ? feature.get("id").asText() : "f" + index;
            collection.add(fb.buildFeature(id));
            index++;
        }
        return collection;
    }

    private static CoordinateReferenceSystem crs(JsonNode root, String input) {
        String name = root.path("crs").path("properties").path("name").asText("");
        if (name.isEmpty() || name.endsWith("CRS84") || name.endsWith("4326")) return DefaultGeographicCRS.WGS84;
        String code = name.replaceFirst("^urn:ogc:def:crs:EPSG::?", "EPSG:");
        try {
            return CRS.decode(code, true);
        } catch (Exception e) {
            throw new InvalidInputException(input, "unknown CRS in GeoJSON: " + name);
        }
    }

    private static Geometry geometry(JsonNode g, String input, int index) {
        String type = g.path("type").asText();
        JsonNode coords = g.path("coordinates");
        switch (type) {
            case "Polygon":
                return polygon(coords);
            case "MultiPolygon": {
                List<Polygon> parts = new ArrayList<>();
                for (JsonNode p : coords) parts.add(polygon(p));
                return GEOMETRY.createMultiPolygon(parts.toArray(new Polygon[0]));
            }
            default:
                throw new InvalidInputException(input, "feature " + index + ": only Polygon and MultiPolygon are supported, got '" + type + "'");
        }
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[Math.max(0, rings.size() - 1)];
        for (int i = 1; i < rings.size(); i++) holes[i - 1] = ring(rings.get(i));
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode points) {
        Coordinate[] cs = new Coordinate[points.size()];
        for (int i = 0; i < cs.length; i++) cs[i] = new Coordinate(points.get(i).get(0).asDouble(), points.get(i).get(1).asDouble());
        return GEOMETRY.createLinearRing(cs);
    }
}
