"""The esvflow QGIS plugin and study.qgs with real QGIS, headless (QT_QPA_PLATFORM=offscreen).

Usage (run by qgis-plugin/test/qgis-tests.sh, which starts the server and runs the study first):
  /usr/bin/python3 test_qgis_plugin.py --server URL --esvflow ./esvflow --demo DEMO --study OUTPUT
                                       [--screenshot PNG]

Numbers are checked against the esvflow CLI running the same processes on the same files (another client of the
same codecs, no WPS in between); colours against the SLD files parsed here with ElementTree, not by the plugin or the
Java writer. Exits 1 on any failure, 0 when every check passed.
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile
import traceback
import urllib.request
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))  # esvflow_qgis from the source tree
sys.path.insert(0, "/usr/share/qgis/python/plugins")  # Debian's Processing plugin

from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsProcessingException,  # noqa: E402
                       QgsProcessingFeedback, QgsProcessingParameterDefinition, QgsProject, QgsRasterLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

ARGS = None
RESULTS = []
CLI_AREAS_2023 = []  # the CLI's lu:ClassArea of lu_2023.tif by county


class RecordingFeedback(QgsProcessingFeedback):
    """Processing feedback that keeps the algorithm's info lines (pushInfo) for the checks to read."""

    def __init__(self):
        super().__init__()
        self.infos = []

    def pushInfo(self, info):
        self.infos.append(info)
        super().pushInfo(info)


def check(name):
    def wrap(f):
        def run():
            try:
                f()
                RESULTS.append((name, None))
                print("PASS", name, flush=True)
            except Exception as e:  # a failed check is reported and the others still run
                RESULTS.append((name, e))
                print("FAIL", name, "-", e, flush=True)
                traceback.print_exc()
        run.__name__ = f.__name__
        return run
    return wrap


def cli(process, out, *inputs, outputs=None):
    cmd = [ARGS.esvflow, "run", process, *inputs, "--out", out]
    if outputs:
        cmd += ["--outputs", outputs]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def rows(path, key):
    with open(path, newline="", encoding="utf-8") as f:
        r = list(csv.DictReader(f))
    return {tuple(row[k] for k in key): row for row in r}


def same_table(qgis_csv, cli_csv, key):
    a, b = rows(qgis_csv, key), rows(cli_csv, key)
    assert a.keys() == b.keys(), "rows differ: %s" % sorted(set(a) ^ set(b))[:5]
    assert len(a) > 0, "empty table"
    for k in a:
        for column, value in b[k].items():
            x = a[k][column]
            try:
                assert float(x) == float(value) or abs(float(x) - float(value)) <= 1e-9 * abs(float(value)), \
                    "%s %s: %s vs CLI %s" % (k, column, x, value)
            except ValueError:
                assert x == value, "%s %s: %r vs CLI %r" % (k, column, x, value)
    return len(a)


def same_raster(qgis_tif, cli_tif):
    from osgeo import gdal
    a, b = gdal.Open(qgis_tif), gdal.Open(cli_tif)
    assert (a.RasterXSize, a.RasterYSize) == (b.RasterXSize, b.RasterYSize)
    assert a.GetGeoTransform() == b.GetGeoTransform()
    x, y = a.GetRasterBand(1).ReadAsArray(), b.GetRasterBand(1).ReadAsArray()
    assert (x == y).all(), "%d pixels differ" % int((x != y).sum())
    return x.size


# --- the provider ---------------------------------------------------------------------------------------------------

def server_processes():
    caps = urllib.request.urlopen(ARGS.server + "?service=WPS&version=1.0.0&request=GetCapabilities").read()
    ids = [e.text for e in ET.fromstring(caps).iter() if e.tag.endswith("}Identifier")
           and e.text and ":" in e.text]
    return sorted(set(ids))


@check("the provider lists every server process")
def lists_every_process():
    from esvflow_qgis.algorithm import algorithm_name
    ids = server_processes()
    names = sorted(a.id() for a in PROVIDER.algorithms())
    assert names == sorted("esvflow:" + algorithm_name(i) for i in ids), set(names) ^ {"esvflow:" + algorithm_name(i) for i in ids}
    # every input of every DescribeProcess is a parameter of its algorithm (read here with ElementTree)
    doc = ET.fromstring(urllib.request.urlopen(
        ARGS.server + "?service=WPS&version=1.0.0&request=DescribeProcess&identifier=" + ",".join(ids)).read())
    ows = "{http://www.opengis.net/ows/1.1}"
    for d in doc:
        ident = d.find(ows + "Identifier").text
        alg = QgsApplication.processingRegistry().algorithmById("esvflow:" + algorithm_name(ident))
        names = {p.name() for p in alg.parameterDefinitions()}
        wanted = {i.find(ows + "Identifier").text for i in d.iter("Input")}
        assert wanted <= names, "%s lacks parameters %s" % (ident, wanted - names)
    alg = QgsApplication.processingRegistry().algorithmById("esvflow:lu_classarea")
    assert alg is not None and alg.group() == "Land use (lu)"
    value = QgsApplication.processingRegistry().algorithmById("esvflow:esv_value")
    coefficients = value.parameterDefinition("coefficients")
    assert "XIE2015" in coefficients.options() and coefficients.defaultValue() == "XIE2015", coefficients.options()
    optional = QgsProcessingParameterDefinition.FlagOptional
    assert not (value.parameterDefinition("landUse").flags() & optional)  # minOccurs 1
    assert value.parameterDefinition("npp").flags() & optional  # minOccurs 0
    print("  %d processes" % len(ids))


@check("esvflow:lu_classarea equals the CLI's lu:ClassArea")
def classarea_like_cli():
    import processing
    land_use = os.path.join(ARGS.demo, "landuse", "lu_2023.tif")
    regions = os.path.join(ARGS.demo, "boundaries", "counties.geojson")
    out = tempfile.mkdtemp(prefix="qgis-classarea-")
    r = processing.run("esvflow:lu_classarea", {"landUse": land_use, "regions": regions, "regionIdField": "county_id",
                                                 "areas": os.path.join(out, "areas.csv")})
    cli("lu:ClassArea", os.path.join(out, "cli"), "landUse=" + land_use, "regions=" + regions, "regionIdField=county_id")
    n = same_table(r["areas"], os.path.join(out, "cli", "areas.csv"), ("region_id", "class"))
    CLI_AREAS_2023.append(os.path.join(out, "cli", "areas.csv"))
    print("  %d (county, class) rows equal" % n)


@check("esvflow:esv_value equals the CLI's esv:Value (raster and tables)")
def esv_value_like_cli():
    import processing
    land_use = os.path.join(ARGS.demo, "landuse", "lu_2023.tif")
    npp = os.path.join(ARGS.demo, "aux", "npp_2023.tif")
    out = tempfile.mkdtemp(prefix="qgis-esv-")
    r = processing.run("esvflow:esv_value", {
        "landUse": land_use, "standardEquivalent": 3406.5, "npp": npp, "coefficients": "XIE2015",
        "esv": os.path.join(out, "esv.tif"), "totals": os.path.join(out, "totals.csv"),
        "byClass": os.path.join(out, "byClass.csv"),
        "esvPerHa": None, "services": None, "byService": None, "factors": None, "byRegion": None})
    assert set(k for k, v in r.items() if v) == {"esv", "totals", "byClass"}, r
    cli("esv:Value", os.path.join(out, "cli"), "landUse=" + land_use, "standardEquivalent=3406.5", "npp=" + npp,
        "coefficients=XIE2015", outputs="esv,totals,byClass")
    pixels = same_raster(r["esv"], os.path.join(out, "cli", "esv.tif"))
    n = same_table(r["byClass"], os.path.join(out, "cli", "byClass.csv"), ("code",))
    same_table(r["totals"], os.path.join(out, "cli", "totals.csv"), ("quantity",))
    print("  %d pixels and %d class rows equal" % (pixels, n))


@check("a raster output loaded into the project is styled as on the WMS")
def output_styled():
    from processing.gui.Postprocessing import handleAlgorithmResults
    from qgis.core import QgsProcessingContext, QgsProcessingOutputLayerDefinition
    project = QgsProject()
    alg = QgsApplication.processingRegistry().createAlgorithmById("esvflow:esv_value")
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = QgsProcessingFeedback()
    out = os.path.join(tempfile.mkdtemp(prefix="qgis-load-"), "esvPerHa.tif")
    params = {"landUse": os.path.join(ARGS.demo, "landuse", "lu_2023.tif"), "standardEquivalent": 3406.5,
              # "Open output file after running algorithm" ticked
              "esvPerHa": QgsProcessingOutputLayerDefinition(out, project)}
    params.update({k: None for k in ("esv", "services", "byClass", "byService", "totals", "factors", "byRegion")})
    results, ok = alg.run(params, context, feedback, {}, False)
    assert ok and results["esvPerHa"] == out, results
    handleAlgorithmResults(alg, context, feedback)  # what the dialog does after the run
    layers = list(project.mapLayers().values())
    assert len(layers) == 1 and layers[0].renderer().type() == "singlebandpseudocolor", layers
    items = layers[0].renderer().shader().rasterShaderFunction().colorRampItemList()
    got = [(i.value, (i.color.red(), i.color.green(), i.color.blue())) for i in items]
    assert got == [(q, c) for q, c, _ in sld("esv")[1]], got
    print("  esvPerHa loaded with the %d colour stops of esv.sld" % len(got))


@check("a server error is one clear message naming the input")
def server_error_message():
    import processing
    try:
        processing.run("esvflow:esv_value", {"landUse": os.path.join(ARGS.demo, "landuse", "lu_2023.tif"),
                                             "standardEquivalent": -5.0,
                                             "esv": os.path.join(tempfile.mkdtemp(), "esv.tif")})
    except QgsProcessingException as e:
        message = str(e)
    else:
        raise AssertionError("a negative standard equivalent was accepted")
    assert "(standardEquivalent)" in message and "Traceback" not in message and "\n" not in message.strip(), message
    print("  " + message)


@check("a bad server URL gives one clear message and no algorithms")
def bad_server_url():
    from esvflow_qgis.provider import EsvflowProvider
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    web = http.server.HTTPServer(("127.0.0.1", 0), lambda *a: Quiet(*a, directory=tempfile.mkdtemp()))
    threading.Thread(target=web.serve_forever, daemon=True).start()
    messages = []
    # nothing listening; our server without its service path; a web server answering HTML (a directory listing)
    for url in ("http://127.0.0.1:9/ows", ARGS.server.rsplit("/", 1)[0] + "/no-such-service",
                "http://127.0.0.1:%d/" % web.server_port):
        p = EsvflowProvider(url)
        p.loadAlgorithms()  # as refreshAlgorithms does, without registering
        assert p.algorithms() == [] or len(p.algorithms()) == 0
        assert p.last_error and url in p.last_error and "Traceback" not in p.last_error, p.last_error
        messages.append(p.last_error)
    web.shutdown()
    web.server_close()
    for m in messages:
        print("  " + m.replace("\n", " "))


@check("cancel dismisses the execution on the server")
def cancel_dismisses():
    import processing
    from osgeo import gdal
    work = tempfile.mkdtemp(prefix="qgis-cancel-")
    big = os.path.join(work, "big.tif")
    # the small demo's land use, 16 x 16 times as many pixels (nearest): a run of several status polls, a small
    # (deflated) upload
    src = gdal.Open(os.path.join(ARGS.demo, "landuse", "lu_2023.tif"))
    gdal.Translate(big, src, width=src.RasterXSize * 16, height=src.RasterYSize * 16, resampleAlg="nearest",
                   creationOptions=["TILED=YES", "COMPRESS=DEFLATE"])
    feedback = RecordingFeedback()
    seen = []

    def on_progress(p):
        seen.append(p)
        started = any(t.startswith("execution ") for t in feedback.infos)  # not the upload's own progress
        if p > 0 and started and not feedback.isCanceled():
            feedback.cancel()  # as the Cancel button does, once the server reports progress
    feedback.progressChanged.connect(on_progress)
    infos = feedback.infos
    try:
        processing.run("esvflow:esv_value", {"landUse": big, "standardEquivalent": 3406.5,
                                             "esv": os.path.join(work, "esv.tif"), "totals": None, "byClass": None,
                                             "esvPerHa": None, "services": None, "byService": None, "factors": None,
                                             "byRegion": None}, feedback=feedback)
    except QgsProcessingException as e:
        message = str(e)
    else:
        raise AssertionError("the run finished although cancelled (progress seen: %s)" % seen)
    assert "dismissed" in message, message
    execution = next(t.split()[1].rstrip(":") for t in infos if t.startswith("execution "))
    status = next(t.split(": ", 1)[1] for t in infos if t.startswith("execution "))
    # the server forgot it: its status is gone and GetExecutions does not list it
    try:
        body = urllib.request.urlopen(status).read().decode("utf-8")
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8")
    assert "ExceptionReport" in body and execution in body, body[:300]
    listing = urllib.request.urlopen(ARGS.server + "?service=WPS&version=1.0.0&request=GetExecutions").read().decode()
    assert execution not in listing, listing[:300]
    assert not os.path.exists(os.path.join(work, "esv.tif")), "an output was written although cancelled"
    print("  %s (cancelled at %s %%)" % (message, max(seen)))


@check("the built zip installs: classFactory registers the provider with every process")
def zip_installs():
    import zipfile
    archive = os.path.join(ROOT, "qgis-plugin", "target", "esvflow_qgis.zip")
    assert os.path.isfile(archive), "build it first: ./mvnw -pl qgis-plugin package"
    plugins = tempfile.mkdtemp(prefix="qgis-plugins-")
    zipfile.ZipFile(archive).extractall(plugins)  # what "Install from ZIP" does into the profile's python/plugins
    code = (
        "import sys; sys.path.insert(0, %r); sys.path.insert(0, '/usr/share/qgis/python/plugins')\n"
        "from qgis.core import QgsApplication\n"
        "app = QgsApplication([], False); app.initQgis()\n"
        "from processing.core.Processing import Processing; Processing.initialize()\n"
        "import esvflow_qgis\n"
        "assert esvflow_qgis.__file__.startswith(%r), esvflow_qgis.__file__\n"
        "plugin = esvflow_qgis.classFactory(None)\n"
        "from qgis.core import QgsSettings\n"
        "QgsSettings().setValue('Processing/Configuration/ESVFLOW_SERVER_URL', %r)  # as the Options dialog saves it\n"
        "plugin.initProcessing()\n"
        "p = QgsApplication.processingRegistry().providerById('esvflow')\n"
        "from esvflow_qgis.styles import STYLES_DIR; import os\n"
        "print(len(p.algorithms()), sorted(os.listdir(STYLES_DIR)))\n"
        "plugin.unload()\n") % (plugins, plugins, ARGS.server)
    home = tempfile.mkdtemp(prefix="qgis-home-")  # the settings go to a throw-away profile
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout.strip()
    count, styles = out.split(" ", 1)
    assert int(count) == len(server_processes()), out
    assert "esv.sld" in styles and "landuse.sld" in styles, out
    print("  %s algorithms from the server URL set in the Processing settings; styles shipped: %s" % (count, styles))


# --- study.qgs ------------------------------------------------------------------------------------------------------

def sld(style):
    """(type, [(quantity, (r, g, b), label)]) of geoserver-data/styles/<style>.sld."""
    root = ET.parse(os.path.join(ROOT, "geoserver-data", "styles", style + ".sld")).getroot()
    cmap = next(e for e in root.iter() if e.tag.endswith("ColorMap"))
    entries = [(float(e.get("quantity")), tuple(int(e.get("color")[i:i + 2], 16) for i in (1, 3, 5)), e.get("label"))
               for e in cmap if e.tag.endswith("ColorMapEntry")]
    return cmap.get("type", "ramp"), entries


def expected_colour(style, value):
    """The colour GeoServer's SLD rules give `value`: values exact, intervals below the entry's quantity, ramp
    linear between entries (clamped at the ends)."""
    kind, entries = sld(style)
    if kind == "values":
        return next((c for q, c, _ in entries if q == value), None)
    if kind == "intervals":
        return next((c for q, c, _ in entries if value < q), entries[-1][1])
    if value <= entries[0][0]:
        return entries[0][1]
    for (q0, c0, _), (q1, c1, _) in zip(entries, entries[1:]):
        if value <= q1:
            f = (value - q0) / (q1 - q0)
            return tuple(c0[i] + f * (c1[i] - c0[i]) for i in range(3))
    return entries[-1][1]


def render(layer, crs, extent, width, height):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(width, height))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def probe_pixel(path, style):
    """A pixel (col, row, value) of the raster with data and away from class breaks, nearest the centre."""
    from osgeo import gdal
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    data, nodata = band.ReadAsArray(), band.GetNoDataValue()
    kind, entries = sld(style)
    h, w = data.shape
    for radius in range(0, max(w, h) // 2):
        for row in (h // 2 - radius, h // 2 + radius):
            for col in range(max(0, w // 2 - radius), min(w, w // 2 + radius + 1)):
                if not (0 <= row < h):
                    continue
                v = float(data[row, col])
                if v == nodata or v != v:
                    continue
                if kind == "values" and not any(q == v for q, _, _ in entries):
                    continue
                if kind != "values" and not (entries[0][0] < v < entries[-1][0]):
                    continue
                if kind == "intervals" and any(abs(v - q) < 1e-6 for q, _, _ in entries):
                    continue
                return col, row, v
    raise AssertionError("%s: no pixel with a value in the style's range" % path)


@check("study.qgs opens with every layer valid, styled as the SLD at a known pixel")
def study_project():
    project = QgsProject.instance()
    path = os.path.join(ARGS.study, "study.qgs")
    assert project.read(path), project.error()
    layers = list(project.mapLayers().values())
    assert layers, "no layers"
    invalid = [l.name() for l in layers if not l.isValid()]
    assert not invalid, "invalid layers: %s" % invalid
    checked = 0
    for layer in layers:
        if not isinstance(layer, QgsRasterLayer) or layer.providerType() != "gdal":
            continue
        style = ET.parse(path).getroot().find(".//maplayer[id='%s']" % layer.id()).get("styleName")
        col, row, value = probe_pixel(layer.source(), style)
        image = render(layer, layer.crs(), layer.extent(), layer.width(), layer.height())
        assert image.width() == layer.width(), "rendered %d px wide" % image.width()
        painted = sum(1 for y in range(0, image.height(), 7) for x in range(0, image.width(), 7)
                      if QColor(image.pixel(x, y)).alpha() > 0)
        assert painted > 0, "%s renders nothing" % layer.name()
        got = QColor(image.pixelColor(col, row))
        want = expected_colour(style, value)
        assert want is not None, "%s: value %s has no colour in %s.sld" % (layer.name(), value, style)
        diff = max(abs(a - b) for a, b in zip((got.red(), got.green(), got.blue()), want))
        assert diff <= 2 and got.alpha() == 255, "%s pixel (%d, %d) = %s: rendered %s, SLD %s" % (
            layer.name(), col, row, value, got.name(), want)
        checked += 1
    groups = [g.name() for g in project.layerTreeRoot().children()]
    for theme in ("Land use", "ESV", "ESV change", "RSEI", "HAI", "Hot spots"):
        assert theme in groups, "no group %s in %s" % (theme, groups)
    wms = [l for l in layers if l.providerType() == "wms"]
    assert wms and all(l.isValid() for l in wms), "WMS layers of the server missing or invalid"
    print("  %d layers valid (%d WMS), %d local rasters with the SLD colour at their probe pixel" % (
        len(layers), len(wms), checked))


@check("the WMS land use and the local land use render the same colours")
def wms_like_local():
    project = QgsProject.instance()
    local = next(l for l in project.mapLayers().values() if l.providerType() == "gdal" and l.name() == "landuse 2023")
    wms = next(l for l in project.mapLayers().values() if l.providerType() == "wms" and "landuse" in l.source())
    # a 100 x 100 px window, one map pixel per raster pixel, in the middle of the study area
    e = local.extent()
    px = e.width() / local.width()
    from qgis.core import QgsRectangle
    cx, cy = e.center().x(), e.center().y()
    window = QgsRectangle(cx - 50 * px, cy - 50 * px, cx + 50 * px, cy + 50 * px)
    a = render(local, local.crs(), window, 100, 100)
    b = render(wms, local.crs(), window, 100, 100)
    same = sum(1 for y in range(100) for x in range(100) if a.pixel(x, y) == b.pixel(x, y))
    # the WMS without TIME serves its default epoch; the latest is what study.qgs shows
    assert same >= 9900, "only %d of 10000 pixels agree" % same
    print("  %d of 10000 pixels identical" % same)


@check("a layer of the same server goes as a WCS reference, not uploaded")
def same_server_by_reference():
    import processing
    project = QgsProject.instance()
    wms = next(l for l in project.mapLayers().values() if l.providerType() == "wms" and "landuse" in l.source())

    feedback = RecordingFeedback()
    out = os.path.join(tempfile.mkdtemp(prefix="qgis-wcs-"), "areas.csv")
    r = processing.run("esvflow:lu_classarea", {"landUse": wms, "regionIdField": "county_id", "areas": out,
                                                 "regions": os.path.join(ARGS.demo, "boundaries", "counties.geojson")},
                       feedback=feedback)
    ref = [t for t in feedback.infos if t.startswith("landUse: by reference to ")]
    assert ref and "coverageId=demo__landuse" in ref[0], feedback.infos
    # the coverage without TIME is its latest epoch, 2023: the same areas as the CLI on lu_2023.tif
    assert CLI_AREAS_2023, "needs the lu:ClassArea check first"
    n = same_table(r["areas"], CLI_AREAS_2023[0], ("region_id", "class"))
    print("  %s; %d rows equal to the CLI on lu_2023.tif" % (ref[0], n))


def screenshot(path):
    """The project as QGIS shows it on opening (visible layers, initial extent), 800 px wide."""
    project = QgsProject.instance()
    root = project.layerTreeRoot()
    layers = [n.layer() for n in root.findLayers() if n.isVisible()]
    first_raster = next(l for l in layers if isinstance(l, QgsRasterLayer))
    e = first_raster.extent()
    width = 800
    image = render_many(layers, project.crs(), e, width, round(width * e.height() / e.width()))
    image.save(path)
    print("screenshot:", path, "layers:", [l.name() for l in layers])


def render_many(layers, crs, extent, width, height):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(width, height))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def main():
    global ARGS, PROVIDER
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--esvflow", required=True)
    parser.add_argument("--demo", required=True)
    parser.add_argument("--study", required=True)
    parser.add_argument("--screenshot")
    ARGS = parser.parse_args()
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    from esvflow_qgis.provider import EsvflowProvider
    PROVIDER = EsvflowProvider(ARGS.server)
    QgsApplication.processingRegistry().addProvider(PROVIDER)
    assert PROVIDER.last_error is None, PROVIDER.last_error
    for test in (lists_every_process, zip_installs, classarea_like_cli, esv_value_like_cli, output_styled,
                 server_error_message, bad_server_url, cancel_dismisses, study_project, wms_like_local,
                 same_server_by_reference):
        test()
    if ARGS.screenshot:
        screenshot(ARGS.screenshot)
    failed = [n for n, e in RESULTS if e is not None]
    print("qgis-plugin: %d passed, %d failed" % (len(RESULTS) - len(failed), len(failed)))
    QgsProject.instance().clear()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
