"""esvflow for QGIS: every esvflow WPS process in the Processing Toolbox."""


def classFactory(iface):
    from .plugin import EsvflowPlugin
    return EsvflowPlugin(iface)
