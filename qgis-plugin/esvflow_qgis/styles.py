"""Raster outputs styled as the server's WMS styles: the SLD colour maps shipped in styles/ (copies of
geoserver-data/styles) become QGIS renderers (ramp -> pseudocolour interpolated, intervals -> pseudocolour discrete,
values -> paletted). QGIS 3.22 cannot read a raster SLD itself."""
import os
import xml.etree.ElementTree as ET

from qgis.core import (QgsColorRampShader, QgsPalettedRasterRenderer, QgsProcessingLayerPostProcessorInterface,
                       QgsRasterShader, QgsSingleBandPseudoColorRenderer)
from qgis.PyQt.QtGui import QColor

STYLES_DIR = os.path.join(os.path.dirname(__file__), "styles")  # filled by the Maven build of the zip
if not os.path.isdir(STYLES_DIR):  # running from a source checkout
    STYLES_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "geoserver-data", "styles")
# (process, output) -> style, as the study publishes them (routes' pipeline/steps.yaml)
OUTPUT_STYLES = {
    ("esv:Value", "esvPerHa"): "esv",
    ("esv:Change", "changePerHa"): "esv_change",
    ("rsei:Rsei", "rsei"): "rsei",
    ("hai:CompositeHai", "cellHai"): "hai",
    ("esv:HotSpots", "bins"): "hotspots",
}


def color_map(style):
    """(type, [(quantity, '#rrggbb', alpha 0..255, label)]) of styles/<style>.sld."""
    root = ET.parse(os.path.join(STYLES_DIR, style + ".sld")).getroot()
    cmap = next(e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "ColorMap")
    entries = []
    for e in cmap:
        if e.tag.rsplit("}", 1)[-1] == "ColorMapEntry":
            entries.append((float(e.get("quantity")), e.get("color"), round(float(e.get("opacity", "1")) * 255),
                            e.get("label", "")))
    return (cmap.get("type") or "ramp").lower(), entries


def renderer(style, provider, band=1):
    kind, entries = color_map(style)
    if kind == "values":
        classes = []
        for q, c, a, label in entries:
            colour = QColor(c)
            colour.setAlpha(a)
            classes.append(QgsPalettedRasterRenderer.Class(q, colour, label))
        return QgsPalettedRasterRenderer(provider, band, classes)
    ramp = QgsColorRampShader(entries[0][0], entries[-1][0])
    ramp.setColorRampType(QgsColorRampShader.Discrete if kind == "intervals" else QgsColorRampShader.Interpolated)
    items = []
    for q, c, a, label in entries:
        colour = QColor(c)
        colour.setAlpha(a)
        items.append(QgsColorRampShader.ColorRampItem(q, colour, label))
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    r = QgsSingleBandPseudoColorRenderer(provider, band, shader)
    r.setClassificationMin(entries[0][0])
    r.setClassificationMax(entries[-1][0])
    return r


class StyleOutput(QgsProcessingLayerPostProcessorInterface):
    """Applies a style to an output layer when Processing loads it into the project."""
    _alive = []  # Processing keeps a plain pointer: the Python objects must outlive the algorithm

    def __init__(self, style):
        super().__init__()
        self.style = style
        StyleOutput._alive.append(self)

    def postProcessLayer(self, layer, context, feedback):
        try:
            layer.setRenderer(renderer(self.style, layer.dataProvider()))
            layer.triggerRepaint()
        except (OSError, StopIteration, ET.ParseError) as e:
            feedback.reportError("style %s not applied: %s" % (self.style, e))
