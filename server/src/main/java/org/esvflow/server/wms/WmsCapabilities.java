package org.esvflow.server.wms;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.esvflow.server.catalog.Catalog;
import org.esvflow.server.catalog.Layer;
import org.esvflow.server.ows.RequestContext;
import org.esvflow.server.ows.Xml;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.crs.DefaultGeographicCRS;

/** WMS capabilities: 1.3.0 (valid against capabilities_1_3_0.xsd) and 1.1.1 (the DTD's structure, no DOCTYPE). */
final class WmsCapabilities {
    private static final List<String> MAP_FORMATS = List.of("image/png", "image/jpeg");
    private static final List<String> INFO_FORMATS = List.of("text/plain", "application/json");

    private WmsCapabilities() {}

    static byte[] write(Catalog catalog, RequestContext ctx, String version, WmsService wms) throws IOException {
        return "1.1.1".equals(version) ? v111(catalog, ctx, wms) : v130(catalog, ctx, wms);
    }

    private record Info(Layer layer, String srs, ReferencedEnvelope nativeBox, ReferencedEnvelope ll, ReferencedEnvelope merc) {}

    private static List<Info> infos(Catalog catalog, WmsService wms) throws IOException {
        List<Info> out = new ArrayList<>();
        for (Layer l : catalog.layers()) {
            try {
                ReferencedEnvelope nat = l.envelope();
                ReferencedEnvelope ll = nat.transform(DefaultGeographicCRS.WGS84, true);
                ReferencedEnvelope merc = nat.transform(wms.crs("EPSG:3857"), true);
                out.add(new Info(l, Catalog.srsOf(nat.getCoordinateReferenceSystem()), nat, ll, merc));
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(WmsCapabilities.class).warn("layer {} left out: {}", l.qualifiedName(), e.getMessage());
            }
        }
        return out;
    }

    private static Set<String> crsList(Info i) {
        Set<String> s = new LinkedHashSet<>(WmsService.CRSS);
        if (i.srs().startsWith("EPSG:")) s.add(i.srs());
        return s;
    }

    private static String legendUrl(RequestContext ctx, Layer l) {
        return ctx.baseUrl() + "/wms?service=WMS&version=1.3.0&request=GetLegendGraphic&format=image/png&layer="
                + URLEncoder.encode(l.qualifiedName(), StandardCharsets.UTF_8);
    }

    private static byte[] v130(Catalog catalog, RequestContext ctx, WmsService wms) throws IOException {
        String url = ctx.baseUrl() + "/wms?";
        Xml x = new Xml();
        x.start(Xml.WMS, "WMS_Capabilities").defaultNs(Xml.WMS).ns(Xml.XLINK).ns(Xml.XSI).attr("version", "1.3.0")
                .attr(Xml.XSI, "schemaLocation", Xml.WMS + " http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd");
        x.start(Xml.WMS, "Service").element(Xml.WMS, "Name", "WMS").element(Xml.WMS, "Title", "esvflow Web Map Service")
                .element(Xml.WMS, "Abstract", "Ecosystem-service value, RSEI, HAI and land-use layers.")
                .start(Xml.WMS, "OnlineResource").attr(Xml.XLINK, "type", "simple").attr(Xml.XLINK, "href", ctx.baseUrl()).end()
                .element(Xml.WMS, "Fees", "none").element(Xml.WMS, "AccessConstraints", "none")
                .element(Xml.WMS, "MaxWidth", wms.maxWidth()).element(Xml.WMS, "MaxHeight", wms.maxHeight()).end();
        x.start(Xml.WMS, "Capability").start(Xml.WMS, "Request");
        operation130(x, "GetCapabilities", List.of("text/xml"), url);
        operation130(x, "GetMap", MAP_FORMATS, url);
        operation130(x, "GetFeatureInfo", INFO_FORMATS, url);
        x.end();
        x.start(Xml.WMS, "Exception").element(Xml.WMS, "Format", "XML").end();
        List<Info> infos = infos(catalog, wms);
        x.start(Xml.WMS, "Layer").element(Xml.WMS, "Title", "esvflow layers");
        for (String c : WmsService.CRSS) x.element(Xml.WMS, "CRS", c);
        ReferencedEnvelope all = new ReferencedEnvelope(-180, 180, -90, 90, DefaultGeographicCRS.WGS84);
        if (!infos.isEmpty()) {
            all = new ReferencedEnvelope(infos.get(0).ll());
            for (Info i : infos) all.expandToInclude(i.ll());
        }
        geoBox130(x, all);
        for (Info i : infos) {
            Layer l = i.layer();
            x.start(Xml.WMS, "Layer").attr("queryable", 1).attr("opaque", 0)
                    .element(Xml.WMS, "Name", l.qualifiedName()).element(Xml.WMS, "Title", l.title());
            for (String c : crsList(i)) x.element(Xml.WMS, "CRS", c);
            geoBox130(x, i.ll());
            bbox(x, "CRS", "CRS:84", i.ll(), false);
            bbox(x, "CRS", "EPSG:4326", i.ll(), true);
            bbox(x, "CRS", "EPSG:3857", i.merc(), false);
            if (i.srs().startsWith("EPSG:") && !WmsService.CRSS.contains(i.srs())) {
                bbox(x, "CRS", i.srs(), i.nativeBox(), wms.northFirst(i.srs()));
            }
            if (l.hasTime()) {
                List<String> times = l.times();
                x.start(Xml.WMS, "Dimension").attr("name", "time").attr("units", "ISO8601")
                        .attr("default", times.get(times.size() - 1)).attr("nearestValue", 0)
                        .text(String.join(",", times)).end();
            }
            if (l.style() != null) {
                x.start(Xml.WMS, "Style").element(Xml.WMS, "Name", l.style()).element(Xml.WMS, "Title", l.style())
                        .start(Xml.WMS, "LegendURL").attr("width", 180).attr("height", 20 * 10)
                        .element(Xml.WMS, "Format", "image/png")
                        .start(Xml.WMS, "OnlineResource").attr(Xml.XLINK, "type", "simple")
                        .attr(Xml.XLINK, "href", legendUrl(ctx, l)).end().end().end();
            }
            x.end();
        }
        x.end().end().end();
        return x.bytes();
    }

    private static void operation130(Xml x, String name, List<String> formats, String url) {
        x.start(Xml.WMS, name);
        for (String f : formats) x.element(Xml.WMS, "Format", f);
        x.start(Xml.WMS, "DCPType").start(Xml.WMS, "HTTP").start(Xml.WMS, "Get").start(Xml.WMS, "OnlineResource")
                .attr(Xml.XLINK, "type", "simple").attr(Xml.XLINK, "href", url).end().end().end().end();
        x.end();
    }

    private static void geoBox130(Xml x, ReferencedEnvelope ll) {
        x.start(Xml.WMS, "EX_GeographicBoundingBox")
                .element(Xml.WMS, "westBoundLongitude", clamp(ll.getMinX(), 180))
                .element(Xml.WMS, "eastBoundLongitude", clamp(ll.getMaxX(), 180))
                .element(Xml.WMS, "southBoundLatitude", clamp(ll.getMinY(), 90))
                .element(Xml.WMS, "northBoundLatitude", clamp(ll.getMaxY(), 90)).end();
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    private static void bbox(Xml x, String attr, String crs, ReferencedEnvelope e, boolean swap) {
        if (attr.equals("CRS")) x.start(Xml.WMS, "BoundingBox");
        else x.start("BoundingBox");
        x.attr(attr, crs);
        if (swap) {
            x.attr("minx", e.getMinY()).attr("miny", e.getMinX()).attr("maxx", e.getMaxY()).attr("maxy", e.getMaxX());
        } else {
            x.attr("minx", e.getMinX()).attr("miny", e.getMinY()).attr("maxx", e.getMaxX()).attr("maxy", e.getMaxY());
        }
        x.end();
    }

    private static byte[] v111(Catalog catalog, RequestContext ctx, WmsService wms) throws IOException {
        String url = ctx.baseUrl() + "/wms?";
        Xml x = new Xml();
        x.start("WMT_MS_Capabilities").attr("version", "1.1.1");
        x.start("Service").element("Name", "OGC:WMS").element("Title", "esvflow Web Map Service")
                .start("OnlineResource").attr("xmlns:xlink", Xml.XLINK).attr("xlink:type", "simple")
                .attr("xlink:href", ctx.baseUrl()).end().end();
        x.start("Capability").start("Request");
        operation111(x, "GetCapabilities", List.of("application/vnd.ogc.wms_xml"), url);
        operation111(x, "GetMap", MAP_FORMATS, url);
        operation111(x, "GetFeatureInfo", INFO_FORMATS, url);
        x.end();
        x.start("Exception").element("Format", "application/vnd.ogc.se_xml").end();
        x.start("Layer").element("Title", "esvflow layers");
        for (String c : List.of("EPSG:4326", "EPSG:3857")) x.element("SRS", c);
        for (Info i : infos(catalog, wms)) {
            Layer l = i.layer();
            x.start("Layer").attr("queryable", 1).element("Name", l.qualifiedName()).element("Title", l.title());
            for (String c : crsList(i)) if (!c.equals("CRS:84")) x.element("SRS", c);
            x.start("LatLonBoundingBox").attr("minx", i.ll().getMinX()).attr("miny", i.ll().getMinY())
                    .attr("maxx", i.ll().getMaxX()).attr("maxy", i.ll().getMaxY()).end();
            bbox(x, "SRS", "EPSG:4326", i.ll(), false);
            bbox(x, "SRS", "EPSG:3857", i.merc(), false);
            if (l.hasTime()) {
                List<String> times = l.times();
                x.start("Dimension").attr("name", "time").attr("units", "ISO8601").end();
                x.start("Extent").attr("name", "time").attr("default", times.get(times.size() - 1))
                        .text(String.join(",", times)).end();
            }
            if (l.style() != null) {
                x.start("Style").element("Name", l.style()).element("Title", l.style())
                        .start("LegendURL").attr("width", 180).attr("height", 200).element("Format", "image/png")
                        .start("OnlineResource").attr("xmlns:xlink", Xml.XLINK).attr("xlink:type", "simple")
                        .attr("xlink:href", legendUrl(ctx, l)).end().end().end();
            }
            x.end();
        }
        x.end().end().end();
        return x.bytes();
    }

    private static void operation111(Xml x, String name, List<String> formats, String url) {
        x.start(name);
        for (String f : formats) x.element("Format", f);
        x.start("DCPType").start("HTTP").start("Get").start("OnlineResource").attr("xmlns:xlink", Xml.XLINK)
                .attr("xlink:type", "simple").attr("xlink:href", url).end().end().end().end();
        x.end();
    }
}
