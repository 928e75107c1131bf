"""The esvflow Processing provider: one algorithm per process of an esvflow (or GeoServer) WPS.

Settings (Settings -> Options -> Processing -> Providers -> esvflow): the server URL and an optional QGIS
authentication configuration id. A server that cannot be read leaves the provider empty with one message in the
log panel ("esvflow" tab) and in `last_error`, never a traceback.
"""
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithm import EsvflowAlgorithm
from .wps import WpsClient, WpsError

try:  # the Processing plugin's settings registry (absent when only qgis.core is loaded)
    from processing.core.ProcessingConfig import ProcessingConfig, Setting
except ImportError:  # pragma: no cover
    ProcessingConfig = Setting = None

DEFAULT_URL = "http://localhost:8080/ows"
URL_SETTING = "ESVFLOW_SERVER_URL"
AUTH_SETTING = "ESVFLOW_AUTHCFG"
LOG_TAG = "esvflow"
DESCRIBE_BATCH = 40  # process ids per DescribeProcess request


class EsvflowProvider(QgsProcessingProvider):
    def __init__(self, server_url=None, authcfg=None):
        super().__init__()
        self._server_url = server_url
        self._authcfg = authcfg
        self.last_error = None

    def id(self):
        return "esvflow"

    def name(self):
        return "esvflow"

    def longName(self):
        return "esvflow WPS (%s)" % self.server_url()

    def icon(self):
        return QIcon(os.path.join(os.path.dirname(__file__), "icon.svg"))

    def load(self):
        if ProcessingConfig is not None:
            ProcessingConfig.settingIcons[self.name()] = self.icon()
            ProcessingConfig.addSetting(Setting(self.name(), URL_SETTING, "esvflow WPS server URL", DEFAULT_URL))
            ProcessingConfig.addSetting(Setting(self.name(), AUTH_SETTING,
                                                "Authentication configuration id (optional)", ""))
            ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self):
        if ProcessingConfig is not None:
            ProcessingConfig.removeSetting(URL_SETTING)
            ProcessingConfig.removeSetting(AUTH_SETTING)

    def _setting(self, name, default):
        if ProcessingConfig is None:
            return default
        value = ProcessingConfig.getSetting(name)
        return value if value else default

    def server_url(self):
        return self._server_url or self._setting(URL_SETTING, DEFAULT_URL)

    def authcfg(self):
        return self._authcfg if self._authcfg is not None else self._setting(AUTH_SETTING, "")

    def supportedOutputRasterLayerExtensions(self):
        return ["tif"]

    def supportedOutputVectorLayerExtensions(self):
        return ["geojson"]

    def defaultVectorFileExtension(self, hasGeometry=True):
        return "geojson"

    def defaultRasterFileExtension(self):
        return "tif"

    def loadAlgorithms(self):
        self.last_error = None
        url, authcfg = self.server_url(), self.authcfg()
        client = WpsClient(url, authcfg)
        try:
            identifiers = client.capabilities()
            processes = []
            for i in range(0, len(identifiers), DESCRIBE_BATCH):  # URLs of a GeoServer's hundreds of ids stay short
                processes += client.describe(identifiers[i:i + DESCRIBE_BATCH])
        except WpsError as e:
            self.last_error = "esvflow: no processes loaded from %s: %s" % (url, e)
            QgsMessageLog.logMessage(self.last_error, LOG_TAG, Qgis.Critical)
            return
        for p in processes:
            self.addAlgorithm(EsvflowAlgorithm(p, url, authcfg))
        QgsMessageLog.logMessage("%d processes from %s" % (len(processes), url), LOG_TAG, Qgis.Info)
