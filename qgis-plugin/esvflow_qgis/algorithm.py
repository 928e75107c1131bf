"""One Processing algorithm per WPS process, built from its DescribeProcess: parameters, defaults, enumerations and
multiplicity come from the server; execution is asynchronous (status polling, progress, Dismiss on cancel)."""
import os
import time
import traceback

from qgis.core import (Qgis, QgsMessageLog, QgsProcessing, QgsProcessingAlgorithm, QgsProcessingException,
                       QgsProcessingOutputNumber, QgsProcessingOutputString, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterExtent, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer,
                       QgsProcessingParameterString, QgsProcessingParameterVectorDestination)

from . import encoding
from .styles import OUTPUT_STYLES, StyleOutput
from .wps import WpsClient, WpsError

GROUPS = {
    "lu": "Land use (lu)",
    "esv": "Ecosystem-service value (esv)",
    "rsei": "Remote sensing ecological index (rsei)",
    "hai": "Human activity intensity (hai)",
    "gd": "Geographical detector (gd)",
    "vec": "Vector (vec)",
    "gs": "Publishing (gs)",
}
POLL_SECONDS = 0.5  # between status requests
OUTPUT_SUFFIX = "_OUTPUT"  # appended to an output whose name is also an input's


def algorithm_name(identifier):
    """esvflow algorithm name of a WPS process: 'lu:ClassArea' -> 'lu_classarea'."""
    return identifier.replace(":", "_").lower()


class EsvflowAlgorithm(QgsProcessingAlgorithm):
    def __init__(self, process, server_url, authcfg=None):
        super().__init__()
        self._process = process
        self._url = server_url
        self._authcfg = authcfg
        inputs = {p.identifier for p in process.inputs}
        self._out_names = {o.identifier: o.identifier + OUTPUT_SUFFIX if o.identifier in inputs else o.identifier
                           for o in process.outputs}

    # identity

    def createInstance(self):
        return EsvflowAlgorithm(self._process, self._url, self._authcfg)

    def name(self):
        return algorithm_name(self._process.identifier)

    def displayName(self):
        return "%s (%s)" % (self._process.title or self._process.identifier, self._process.identifier)

    def group(self):
        return GROUPS.get(self._process.namespace, self._process.namespace)

    def groupId(self):
        return self._process.namespace

    def shortHelpString(self):
        lines = [self._process.abstract, "", "WPS process %s at %s." % (self._process.identifier, self._url)]
        for p in self._process.inputs + self._process.outputs:
            if p.abstract:
                lines.append("<b>%s</b>: %s" % (p.identifier, p.abstract))
        return "<br>".join(lines)

    def flags(self):
        # network calls only; QgsBlockingNetworkRequest is safe in the worker thread
        return super().flags() | QgsProcessingAlgorithm.FlagCanCancel

    # parameters

    def initAlgorithm(self, config=None):
        for p in self._process.inputs:
            definition = self._input_parameter(p)
            if p.abstract:
                definition.setHelp(p.abstract)
            self.addParameter(definition)
        for o in self._process.outputs:
            name = self._out_names[o.identifier]
            if o.kind == "literal":
                numeric = o.data_type in ("xs:int", "xs:integer", "xs:long", "xs:double", "xs:float")
                self.addOutput((QgsProcessingOutputNumber if numeric else QgsProcessingOutputString)(name, o.title))
                continue
            kind = encoding.kind(o.mime_types)
            if kind == "raster":
                d = QgsProcessingParameterRasterDestination(name, o.title, optional=True, createByDefault=True)
            elif kind == "vector":
                d = QgsProcessingParameterVectorDestination(name, o.title, QgsProcessing.TypeVectorAnyGeometry,
                                                            optional=True, createByDefault=True)
            else:
                exts = []
                for m in o.mime_types:
                    if encoding.extension(m) not in exts:
                        exts.append(encoding.extension(m))
                filters = ";;".join(encoding.FILTERS.get(e, "%s (*.%s)" % (e.upper(), e)) for e in exts)
                d = QgsProcessingParameterFileDestination(name, o.title, filters, optional=True, createByDefault=True)
            if o.abstract:
                d.setHelp(o.abstract)
            self.addParameter(d)

    def _input_parameter(self, p):
        optional = p.min_occurs == 0
        many = p.max_occurs > 1
        title = p.title if p.title != p.identifier else p.identifier
        if p.kind == "bbox":
            return QgsProcessingParameterExtent(p.identifier, title, optional=optional)
        if p.kind == "complex":
            kind = encoding.kind(p.mime_types)
            if kind == "raster":
                return (QgsProcessingParameterMultipleLayers(p.identifier, title, QgsProcessing.TypeRaster, optional=optional)
                        if many else QgsProcessingParameterRasterLayer(p.identifier, title, optional=optional))
            if kind == "vector":
                return (QgsProcessingParameterMultipleLayers(p.identifier, title, QgsProcessing.TypeVectorAnyGeometry,
                                                             optional=optional) if many
                        else QgsProcessingParameterFeatureSource(p.identifier, title,
                                                                 [QgsProcessing.TypeVectorAnyGeometry], optional=optional))
            if kind == "table":
                return (QgsProcessingParameterMultipleLayers(p.identifier, title, QgsProcessing.TypeFile, optional=optional)
                        if many else QgsProcessingParameterFile(p.identifier, title, extension="csv", optional=optional))
            # JSON and other text: the text itself, or the path of a file holding it
            return QgsProcessingParameterString(p.identifier, "%s [%s]" % (title, ", ".join(p.mime_types)),
                                                multiLine=True, optional=optional)
        dtype = (p.data_type or "xs:string").lower()
        if dtype.endswith("boolean"):
            return QgsProcessingParameterBoolean(p.identifier, title, defaultValue=(p.default or "").lower() == "true"
                                                 if p.default is not None else None, optional=optional)
        if p.allowed:
            e = QgsProcessingParameterEnum(p.identifier, title, options=p.allowed, allowMultiple=many,
                                           defaultValue=p.default, optional=optional, usesStaticStrings=True)
            return e
        if many:
            return QgsProcessingParameterString(p.identifier, title + " (comma-separated)", defaultValue=p.default,
                                                optional=optional)
        if dtype.endswith(("int", "integer", "long", "short")):
            return QgsProcessingParameterNumber(p.identifier, title, QgsProcessingParameterNumber.Integer,
                                                defaultValue=int(p.default) if p.default is not None else None,
                                                optional=optional)
        if dtype.endswith(("double", "float", "decimal")):
            return QgsProcessingParameterNumber(p.identifier, title, QgsProcessingParameterNumber.Double,
                                                defaultValue=float(p.default) if p.default is not None else None,
                                                optional=optional)
        return QgsProcessingParameterString(p.identifier, title, defaultValue=p.default, optional=optional)

    # execution

    def processAlgorithm(self, parameters, context, feedback):
        client = WpsClient(self._url, self._authcfg)
        try:
            inputs = self._encode_inputs(parameters, context, feedback)
            wanted, destinations = self._requested_outputs(parameters, context)
            document = encoding.execute_document(self._process.identifier, inputs, wanted)
            status = client.execute(document, feedback)
            status = self._wait(client, status, feedback)
            try:
                return self._collect(client, status, destinations, context, feedback)
            except WpsError:
                if feedback.isCanceled():  # cancelled while the results came down: drop them on the server too
                    self._dismiss(client, status.execution_id, feedback)
                raise
        except WpsError as e:
            raise QgsProcessingException("%s: %s" % (self._process.identifier, e))
        except (OSError, ValueError) as e:
            raise QgsProcessingException("%s: %s" % (self._process.identifier, e))
        except Exception as e:  # a bug here: one line for the user, the traceback in the log for us
            QgsMessageLog.logMessage(traceback.format_exc(), "esvflow", Qgis.Critical)
            raise QgsProcessingException("%s: unexpected %s: %s (details in the esvflow log)"
                                         % (self._process.identifier, type(e).__name__, e))

    def _given(self, parameters, name):
        v = parameters.get(name)
        return v is not None and v != "" and v != []

    def _encode_inputs(self, parameters, context, feedback):
        inputs = encoding.Inputs()
        for p in self._process.inputs:
            name = p.identifier
            definition = self.parameterDefinition(name)
            if not self._given(parameters, name):
                if p.min_occurs == 0 or definition.defaultValue() is None:
                    continue  # the server's default applies
            if p.kind == "bbox":
                extent = self.parameterAsExtent(parameters, name, context)
                crs = self.parameterAsExtentCrs(parameters, name, context)
                inputs.literal(name, "%r,%r,%r,%r,%s" % (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                                         extent.yMaximum(), crs.authid()))
            elif p.kind == "complex":
                self._encode_complex(p, parameters, context, feedback, inputs)
            else:
                self._encode_literal(p, definition, parameters, context, inputs)
        return inputs

    def _encode_literal(self, p, definition, parameters, context, inputs):
        name = p.identifier
        if isinstance(definition, QgsProcessingParameterBoolean):
            inputs.literal(name, "true" if self.parameterAsBool(parameters, name, context) else "false")
        elif isinstance(definition, QgsProcessingParameterEnum):
            values = (self.parameterAsEnumStrings(parameters, name, context) if p.max_occurs > 1
                      else [self.parameterAsEnumString(parameters, name, context)])
            for v in values:
                inputs.literal(name, v)
        elif isinstance(definition, QgsProcessingParameterNumber):
            if definition.dataType() == QgsProcessingParameterNumber.Integer:
                inputs.literal(name, self.parameterAsInt(parameters, name, context))
            else:
                inputs.literal(name, repr(self.parameterAsDouble(parameters, name, context)))
        else:
            text = self.parameterAsString(parameters, name, context)
            for v in ([t.strip() for t in text.split(",") if t.strip()] if p.max_occurs > 1 else [text]):
                inputs.literal(name, v)

    def _encode_complex(self, p, parameters, context, feedback, inputs):
        name = p.identifier
        kind = encoding.kind(p.mime_types)
        limit = p.max_megabytes * 1024 * 1024 if p.max_megabytes else None

        def inline(mime, data, binary):
            if limit is not None and len(data) > limit:
                raise ValueError("%s: %.1f MB is more than the server accepts (%g MB)"
                                 % (name, len(data) / 1048576.0, p.max_megabytes))
            inputs.inline(name, mime, data, binary)

        if kind == "raster":
            layers = (self.parameterAsLayerList(parameters, name, context) if p.max_occurs > 1
                      else [self.parameterAsRasterLayer(parameters, name, context)])
            for layer in layers:
                if layer is None or not layer.isValid():
                    raise ValueError("%s: not a readable raster layer" % name)
                href = encoding.wcs_reference(layer, self._url)
                if href:
                    feedback.pushInfo("%s: by reference to %s" % (name, href))
                    inputs.reference(name, href, "image/tiff")
                else:
                    inline("image/tiff", encoding.geotiff_bytes(layer, feedback), True)
        elif kind == "vector":
            if p.max_occurs > 1:
                sources = [(l.getFeatures(), l.crs()) for l in self.parameterAsLayerList(parameters, name, context)]
            else:
                source = self.parameterAsSource(parameters, name, context)
                if source is None:
                    raise ValueError("%s: not a readable vector layer" % name)
                sources = [(source.getFeatures(), source.sourceCrs())]
            for features, crs in sources:
                inline("application/geo+json", encoding.geojson(features, crs).encode("utf-8"), False)
        elif kind == "table":
            paths = (parameters.get(name) if isinstance(parameters.get(name), list)
                     else [self.parameterAsFile(parameters, name, context)])
            for path in paths:
                path = path.source() if hasattr(path, "source") else str(path)
                if not os.path.isfile(path):
                    raise ValueError("%s: file not found: %s" % (name, path))
                with open(path, "rb") as f:
                    inline("text/csv", f.read(), False)
        else:
            text = self.parameterAsString(parameters, name, context)
            if os.path.isfile(text):
                with open(text, "rb") as f:
                    data = f.read()
            else:
                data = text.encode("utf-8")
            inline(p.mime_types[0] if p.mime_types else "application/json", data, False)

    def _requested_outputs(self, parameters, context):
        """Outputs to ask for: every literal, and each complex output with a destination (skipped ones are not
        computed on the server)."""
        wanted, destinations = [], {}
        for o in self._process.outputs:
            name = self._out_names[o.identifier]
            if o.kind == "literal":
                wanted.append((o.identifier, None, False))
                continue
            definition = self.parameterDefinition(name)
            if isinstance(definition, (QgsProcessingParameterRasterDestination, QgsProcessingParameterVectorDestination)):
                path = self.parameterAsOutputLayer(parameters, name, context)
            else:
                path = self.parameterAsFileOutput(parameters, name, context)
            if not path:
                continue
            mime = encoding.mime_for_path(path, o.mime_types)
            wanted.append((o.identifier, mime, True))
            destinations[o.identifier] = path
        if not wanted and self._process.outputs:  # the server needs one output to answer
            o = self._process.outputs[0]
            wanted.append((o.identifier, o.mime_types[0] if o.mime_types else None, o.kind != "literal"))
        return wanted, destinations

    def _wait(self, client, status, feedback):
        execution = status.execution_id
        if status.status_location:
            feedback.pushInfo("execution %s: %s" % (execution, status.status_location))
        while not status.done:
            if not status.status_location:
                raise WpsError("the server neither finished nor gave a status location")
            deadline = time.monotonic() + POLL_SECONDS
            while time.monotonic() < deadline and not feedback.isCanceled():
                time.sleep(0.05)
            if feedback.isCanceled():
                self._dismiss(client, execution, feedback)
            try:
                status = client.status(status.status_location)
            except WpsError:
                if feedback.isCanceled():
                    self._dismiss(client, execution, feedback)
                raise
            if status.percent is not None:
                feedback.setProgress(status.percent)
            if status.message and status.state == "ProcessStarted":
                feedback.setProgressText(status.message)
        if feedback.isCanceled():  # cancelled as the last status came in: the results are not wanted either
            self._dismiss(client, execution, feedback)
        if status.state == "ProcessFailed":
            raise status.error or WpsError("the process failed without a message")
        feedback.setProgress(100)
        return status

    def _dismiss(self, client, execution, feedback):
        if execution:
            try:
                client.dismiss(execution)
                message = "cancelled: execution %s dismissed on the server" % execution
            except WpsError as e:
                message = "cancelled; the server refused to dismiss execution %s: %s" % (execution, e)
        else:
            message = "cancelled before the server gave an execution id"
        feedback.pushInfo(message)
        raise WpsError(message)

    def _collect(self, client, status, destinations, context, feedback):
        results = {}
        for o in self._process.outputs:
            name = self._out_names[o.identifier]
            got = status.outputs.get(o.identifier)
            if o.kind == "literal":
                if got is not None:
                    value = got[1]
                    if isinstance(self.outputDefinition(name), QgsProcessingOutputNumber):
                        try:
                            value = float(value)
                        except ValueError:
                            pass
                    results[name] = value
                continue
            path = destinations.get(o.identifier)
            if path is None:
                continue
            if got is None:
                raise WpsError("output %s missing from the server's response" % o.identifier)
            folder = os.path.dirname(path)
            if folder:
                os.makedirs(folder, exist_ok=True)
            if got[0] == "reference":
                tmp = path + ".part"
                size = client.download(got[1], tmp, feedback)
                os.replace(tmp, path)  # never a half-written output under the final name
                feedback.pushInfo("%s: %d bytes -> %s" % (o.identifier, size, path))
            else:
                with open(path + ".part", "w", encoding="utf-8") as f:
                    f.write(got[1])
                os.replace(path + ".part", path)
            results[name] = path
            style = OUTPUT_STYLES.get((self._process.identifier, o.identifier))
            if style and context.willLoadLayerOnCompletion(path):
                context.layerToLoadOnCompletionDetails(path).setPostProcessor(StyleOutput(style))
        return results
