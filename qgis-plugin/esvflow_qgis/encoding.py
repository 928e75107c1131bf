"""How QGIS values travel to the WPS server (encoding only; no network here).

Kinds of complex data, from the MIME types a DescribeProcess offers:
  raster  image/tiff              GeoTIFF bytes inline (base64), or a WCS GetCoverage reference of the same server
  vector  application/geo+json    GeoJSON FeatureCollection in EPSG:4326 (RFC 7946 axis order: longitude first)
  table   text/csv                the CSV file's bytes
  json    application/json        JSON text
  document (outputs only)         XLSX, PNG: bytes saved as they come
"""
import base64
import os
import tempfile
import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, quote, urlsplit

from qgis.core import QgsDataSourceUri, QgsJsonExporter, QgsRasterFileWriter, QgsRasterPipe

WPS = "http://www.opengis.net/wps/1.0.0"
OWS = "http://www.opengis.net/ows/1.1"
XLINK = "http://www.w3.org/1999/xlink"

RASTER_MIMES = ("image/tiff", "image/geotiff", "application/geotiff")
EXTENSIONS = {
    "image/tiff": "tif", "text/csv": "csv", "application/json": "json", "application/geo+json": "geojson",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx", "image/png": "png",
}
FILTERS = {
    "tif": "GeoTIFF (*.tif *.tiff)", "csv": "CSV (*.csv)", "json": "JSON (*.json)", "geojson": "GeoJSON (*.geojson)",
    "xlsx": "Excel workbook (*.xlsx)", "png": "PNG image (*.png)",
}
# coordinates in degrees: 9 decimals ≈ 0.1 mm, so no pixel centre changes side of a boundary on the way
GEOJSON_PRECISION = 9


def kind(mime_types):
    mimes = [m.lower() for m in mime_types]
    if any(m in RASTER_MIMES for m in mimes):
        return "raster"
    if "application/geo+json" in mimes:
        return "vector"
    if "text/csv" in mimes:
        return "table"
    if mimes and mimes[0] == "application/json":
        return "json"
    return "document"


def extension(mime):
    return EXTENSIONS.get(mime, mime.rsplit("/", 1)[-1].split("+")[-1])


def mime_for_path(path, mime_types):
    """The offered MIME type matching a destination file's extension (the default one otherwise)."""
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    for m in mime_types:
        if extension(m) == ext or (ext == "tiff" and m == "image/tiff"):
            return m
    return mime_types[0] if mime_types else None


def same_server(url, server_url):
    a, b = urlsplit(url), urlsplit(server_url)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)


def wcs_reference(layer, server_url):
    """A WCS 2.0.1 GetCoverage URL of the same server for a raster layer read from it, else None: a QGIS WCS layer
    (its coverage), a WMS layer (GeoServer names the coverage of layer ws:name ws__name) or a GDAL WCS layer. The
    server then reads its own data in-process; nothing is uploaded."""
    coverage, time = None, None
    if layer.providerType() in ("wcs", "wms"):
        uri = QgsDataSourceUri()
        uri.setEncodedUri(layer.source())  # url=...&identifier=... / &layers=...
        url = uri.param("url")
        if not url or not same_server(url, server_url):
            return None
        if layer.providerType() == "wcs":
            coverage = uri.param("identifier")
        else:
            names = uri.params("layers")
            coverage = names[0].replace(":", "__") if len(names) == 1 else None
        time = uri.param("time") or None
    elif layer.providerType() == "gdal" and layer.source().upper().startswith("WCS:"):
        url = layer.source()[4:]
        query = dict(parse_qsl(urlsplit(url).query))
        lower = {k.lower(): v for k, v in query.items()}
        if same_server(url, server_url):
            coverage = lower.get("coverageid") or lower.get("coverage")
    if not coverage:
        return None
    base = server_url.split("?", 1)[0]
    href = base + "?service=WCS&version=2.0.1&request=GetCoverage&coverageId=%s&format=image/tiff" % quote(coverage)
    if time:
        href += "&subset=" + quote('time("%s")' % time)
    return href


def geotiff_bytes(layer, feedback=None):
    """The layer's GeoTIFF bytes: the file itself when it is a GeoTIFF, else a GeoTIFF written from it."""
    source = layer.source().split("|", 1)[0]
    if layer.providerType() == "gdal" and os.path.isfile(source) and source.lower().endswith((".tif", ".tiff")):
        with open(source, "rb") as f:
            return f.read()
    with tempfile.TemporaryDirectory(prefix="esvflow-") as tmp:
        path = os.path.join(tmp, "input.tif")
        writer = QgsRasterFileWriter(path)
        writer.setOutputFormat("GTiff")
        writer.setCreateOptions(["COMPRESS=DEFLATE", "TILED=YES"])
        pipe = QgsRasterPipe()
        pipe.set(layer.dataProvider().clone())
        provider = layer.dataProvider()
        error = writer.writeRaster(pipe, provider.xSize(), provider.ySize(), provider.extent(), provider.crs(),
                                   feedback=feedback)
        if error != QgsRasterFileWriter.NoError:
            raise ValueError("%s: cannot write it as GeoTIFF (error %s)" % (layer.name(), error))
        with open(path, "rb") as f:
            return f.read()


def geojson(features, crs):
    """A GeoJSON FeatureCollection of QgsFeatures in EPSG:4326, longitude first."""
    exporter = QgsJsonExporter()
    exporter.setSourceCrs(crs)
    exporter.setTransformGeometries(True)  # to EPSG:4326
    exporter.setPrecision(GEOJSON_PRECISION)
    return exporter.exportFeatures(list(features))


class Inputs:
    """The DataInputs of an Execute request, in order."""

    def __init__(self):
        self.items = []

    def literal(self, name, value):
        self.items.append(("literal", name, str(value)))

    def inline(self, name, mime, data, binary):
        self.items.append(("inline", name, (mime, base64.b64encode(data).decode("ascii") if binary
                                            else data.decode("utf-8"), binary)))

    def reference(self, name, href, mime):
        self.items.append(("reference", name, (href, mime)))


def execute_document(identifier, inputs, outputs):
    """An asynchronous Execute (storeExecuteResponse + status) asking for `outputs`: [(id, mime or None, by_ref)]."""
    ET.register_namespace("wps", WPS)
    ET.register_namespace("ows", OWS)
    ET.register_namespace("xlink", XLINK)
    root = ET.Element("{%s}Execute" % WPS, {"service": "WPS", "version": "1.0.0"})
    ET.SubElement(root, "{%s}Identifier" % OWS).text = identifier
    data_inputs = ET.SubElement(root, "{%s}DataInputs" % WPS)
    for what, name, payload in inputs.items:
        i = ET.SubElement(data_inputs, "{%s}Input" % WPS)
        ET.SubElement(i, "{%s}Identifier" % OWS).text = name
        if what == "reference":
            href, mime = payload
            attrs = {"{%s}href" % XLINK: href}
            if mime:
                attrs["mimeType"] = mime
            ET.SubElement(i, "{%s}Reference" % WPS, attrs)
            continue
        data = ET.SubElement(i, "{%s}Data" % WPS)
        if what == "literal":
            ET.SubElement(data, "{%s}LiteralData" % WPS).text = payload
        else:
            mime, text, binary = payload
            attrs = {"mimeType": mime}
            if binary:
                attrs["encoding"] = "base64"
            ET.SubElement(data, "{%s}ComplexData" % WPS, attrs).text = text
    form = ET.SubElement(root, "{%s}ResponseForm" % WPS)
    doc = ET.SubElement(form, "{%s}ResponseDocument" % WPS, {"storeExecuteResponse": "true", "status": "true"})
    for name, mime, by_reference in outputs:
        attrs = {"asReference": "true" if by_reference else "false"}
        if mime:
            attrs["mimeType"] = mime
        o = ET.SubElement(doc, "{%s}Output" % WPS, attrs)
        ET.SubElement(o, "{%s}Identifier" % OWS).text = name
    return ET.tostring(root, encoding="unicode")
