"""OWSLib against the esvflow server: WPS async execute with a WCS reference + status polling, WMS GetMap colours.

Usage: python3 ogc_clients.py BASE_URL   (exits non-zero on failure)
"""
import struct
import sys
import time
import urllib.request
import zlib

from owslib.wms import WebMapService
from owslib.wps import ComplexDataInput, WebProcessingService, monitorExecution

BASE = sys.argv[1]


def decode_png(data):
    """Minimal PNG decoder for 8-bit RGB/RGBA, non-interlaced: returns (width, height, rows of pixel tuples)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append([tuple(line[x * channels:(x + 1) * channels]) for x in range(width)])
        prev = line
    return width, height, rows


def wps_async():
    wps = WebProcessingService(BASE + "/wps", version="1.0.0", skip_caps=False)
    ids = [p.identifier for p in wps.processes]
    assert "lu:ClassArea" in ids, ids
    process = wps.describeprocess("lu:ClassArea")
    assert [i.identifier for i in process.dataInputs][0] == "landUse"
    href = BASE + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse"
    execution = wps.execute("lu:ClassArea", [("landUse", ComplexDataInput(href, mimeType="image/tiff"))],
                            output=[("areas", True)], mode=True)  # ASYNC: storeExecuteResponse + status
    assert execution.statusLocation, "no statusLocation"
    monitorExecution(execution, sleepSecs=1)
    assert execution.isSucceded(), execution.errors
    ref = execution.processOutputs[0].reference
    csv = urllib.request.urlopen(ref).read().decode("utf-8").splitlines()
    assert csv[0] == "region_id,region_name,class,pixels,area_ha,share_pct", csv[0]
    # 4 quadrants of 50 x 50 pixels of 30 m: 2500 pixels, 2500 * 0.09 ha = 225 ha, 25 % each
    rows = {int(r.split(",")[2]): r.split(",") for r in csv[1:]}
    assert sorted(rows) == [1, 2, 5, 8], rows
    for r in rows.values():
        assert int(r[3]) == 2500 and abs(float(r[4]) - 225) < 1e-9 and abs(float(r[5]) - 25) < 1e-9, r
    print("OWSLib WPS async execute + poll: lu:ClassArea areas OK")


def wms_getmap():
    wms = WebMapService(BASE + "/wms", version="1.3.0")
    assert "demo:landuse" in wms.contents and "demo:esv" in wms.contents, list(wms.contents)
    img = wms.getmap(layers=["demo:esv"], styles=[""], srs="EPSG:32650", bbox=(500000, 3997000, 503000, 4000000),
                     size=(100, 100), format="image/png", transparent=True, time="2019")
    w, h, rows = decode_png(img.read())
    assert (w, h) == (100, 100)
    assert rows[5][5][3] == 0, "nodata must be transparent"
    assert rows[50][30] == (0xC2, 0xE6, 0x99, 255), rows[50][30]   # 10 000 CNY/ha/yr
    assert rows[50][70] == (0x31, 0xA3, 0x54, 255), rows[50][70]   # 60 000 CNY/ha/yr
    print("OWSLib WMS GetMap: ESV ramp colours and transparency OK")


wps_async()
wms_getmap()
