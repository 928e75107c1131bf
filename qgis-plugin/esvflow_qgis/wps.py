"""A small WPS 1.0.0 client over QGIS's network stack (QgsBlockingNetworkRequest), so QGIS proxies, SSL settings
and auth configurations apply. Only what the esvflow provider needs: GetCapabilities, DescribeProcess, Execute
(asynchronous: storeExecuteResponse + status), status polling, output download and GeoServer's Dismiss.

Every failure is a WpsError whose message is meant for the user: an OWS ExceptionReport becomes
"<code> (<locator>): <text>", a network failure names the URL.
"""
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import List, Optional
from urllib.parse import quote

from qgis.core import QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QByteArray, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

WPS = "http://www.opengis.net/wps/1.0.0"
OWS = "http://www.opengis.net/ows/1.1"
XLINK = "http://www.w3.org/1999/xlink"


class WpsError(Exception):
    """A failure to show the user as it is (no traceback): a server exception or an unreachable server."""

    def __init__(self, message, code=None, locator=None):
        super().__init__(message)
        self.code = code
        self.locator = locator


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _child(element, name):
    for c in element:
        if _local(c.tag) == name:
            return c
    return None


def _children(element, name):
    return [c for c in element if _local(c.tag) == name]


def _text(element, name, default=None):
    c = _child(element, name)
    return c.text.strip() if c is not None and c.text is not None else default


def exception_message(root):
    """The text of an ows:ExceptionReport: one line per exception, "code (locator): text"."""
    lines = []
    for e in root.iter():
        if _local(e.tag) != "Exception":
            continue
        code, locator = e.get("exceptionCode"), e.get("locator")
        texts = [t.text.strip() for t in e if _local(t.tag) == "ExceptionText" and t.text]
        head = code or "Exception"
        if locator:
            head += " (%s)" % locator
        lines.append(head + ": " + " ".join(texts) if texts else head)
    return "\n".join(lines) or "the server reported an error without text"


def _exception(root):
    first = next((e for e in root.iter() if _local(e.tag) == "Exception"), None)
    return WpsError(exception_message(root), first.get("exceptionCode") if first is not None else None,
                    first.get("locator") if first is not None else None)


@dataclass
class Parameter:
    """One input or output of a process description."""
    identifier: str
    title: str
    abstract: str = ""
    kind: str = "literal"  # literal | complex | bbox
    data_type: Optional[str] = None  # xs:int, xs:double, xs:boolean, xs:string
    allowed: List[str] = field(default_factory=list)
    default: Optional[str] = None
    min_occurs: int = 1
    max_occurs: int = 1
    mime_types: List[str] = field(default_factory=list)  # default first
    max_megabytes: Optional[float] = None


@dataclass
class Process:
    identifier: str
    title: str
    abstract: str
    inputs: List[Parameter]
    outputs: List[Parameter]

    @property
    def namespace(self):
        return self.identifier.split(":", 1)[0] if ":" in self.identifier else "other"


def _parameter(element, is_input):
    p = Parameter(_text(element, "Identifier"), _text(element, "Title", ""), _text(element, "Abstract", "") or "")
    if not p.title:
        p.title = p.identifier
    if is_input:
        p.min_occurs = int(element.get("minOccurs", "1"))
        p.max_occurs = int(element.get("maxOccurs", "1"))
    for c in element:
        kind = _local(c.tag)
        if kind in ("LiteralData", "LiteralOutput"):
            p.kind = "literal"
            p.data_type = _text(c, "DataType", "xs:string")
            allowed = _child(c, "AllowedValues")
            if allowed is not None:
                p.allowed = [v.text for v in allowed if _local(v.tag) == "Value" and v.text is not None]
            p.default = _text(c, "DefaultValue")
        elif kind in ("ComplexData", "ComplexOutput"):
            p.kind = "complex"
            if c.get("maximumMegabytes"):
                p.max_megabytes = float(c.get("maximumMegabytes"))
            mimes = []
            for group in c:
                for m in group.iter():
                    if _local(m.tag) == "MimeType" and m.text and m.text.strip() not in mimes:
                        mimes.append(m.text.strip())
            p.mime_types = mimes
        elif kind in ("BoundingBoxData", "BoundingBoxOutput"):
            p.kind = "bbox"
    return p


def parse_descriptions(data):
    """ProcessDescriptions XML → list of Process (raises WpsError on an ExceptionReport)."""
    root = ET.fromstring(data)
    if _local(root.tag) == "ExceptionReport":
        raise _exception(root)
    processes = []
    for d in root:
        if _local(d.tag) != "ProcessDescription":
            continue
        din, dout = _child(d, "DataInputs"), _child(d, "ProcessOutputs")
        inputs = [_parameter(i, True) for i in (din if din is not None else [])]
        outputs = [_parameter(o, False) for o in (dout if dout is not None else [])]
        processes.append(Process(_text(d, "Identifier"), _text(d, "Title", ""), _text(d, "Abstract", "") or "",
                                 inputs, outputs))
    return processes


@dataclass
class Status:
    """An ExecuteResponse: where the job is and, when it succeeded, its outputs."""
    state: str  # ProcessAccepted | ProcessStarted | ProcessPaused | ProcessSucceeded | ProcessFailed
    percent: Optional[int] = None
    message: str = ""
    status_location: Optional[str] = None
    error: Optional[WpsError] = None
    outputs: dict = field(default_factory=dict)  # identifier -> ("reference", href, mime) | ("value", text, None)

    @property
    def done(self):
        return self.state in ("ProcessSucceeded", "ProcessFailed")

    @property
    def execution_id(self):
        m = re.search(r"[?&]executionId=([^&#]+)", self.status_location or "", re.IGNORECASE)
        return m.group(1) if m else None


def parse_status(data):
    root = ET.fromstring(data)
    if _local(root.tag) == "ExceptionReport":
        raise _exception(root)
    if _local(root.tag) != "ExecuteResponse":
        raise WpsError("unexpected answer from the server: <%s>" % _local(root.tag))
    s = Status("ProcessAccepted", status_location=root.get("statusLocation"))
    st = _child(root, "Status")
    if st is not None:
        for c in st:
            s.state = _local(c.tag)
            s.message = (c.text or "").strip()
            if c.get("percentCompleted") is not None:
                s.percent = int(float(c.get("percentCompleted")))
            if s.state == "ProcessFailed":
                report = next((e for e in c.iter() if _local(e.tag) == "ExceptionReport"), c)
                s.error = _exception(report)
    outs = _child(root, "ProcessOutputs")
    for o in (outs if outs is not None else []):
        ident = _text(o, "Identifier")
        ref = _child(o, "Reference")
        data_el = _child(o, "Data")
        if ref is not None:
            s.outputs[ident] = ("reference", ref.get("href") or ref.get("{%s}href" % XLINK), ref.get("mimeType"))
        elif data_el is not None:
            value = "".join(data_el.itertext()).strip()
            s.outputs[ident] = ("value", value, None)
    return s


class WpsClient:
    """Blocking WPS calls; safe from the worker thread Processing runs algorithms in."""

    def __init__(self, url, authcfg=None):
        self.url = url.rstrip("?&")
        self.authcfg = authcfg or ""

    def _request(self, url):
        r = QNetworkRequest(QUrl(url))
        r.setAttribute(QNetworkRequest.FollowRedirectsAttribute, True)
        return r

    def _fetch(self, url, post=None, feedback=None):
        req = QgsBlockingNetworkRequest()
        if self.authcfg:
            req.setAuthCfg(self.authcfg)
        request = self._request(url)
        if post is None:
            err = req.get(request, True, feedback)
        else:
            request.setHeader(QNetworkRequest.ContentTypeHeader, "text/xml; charset=UTF-8")
            err = req.post(request, QByteArray(post), True, feedback)
        content = bytes(req.reply().content())
        if err != QgsBlockingNetworkRequest.NoError:
            status = req.reply().attribute(QNetworkRequest.HttpStatusCodeAttribute)
            if feedback is not None and feedback.isCanceled():
                if status == 200 and content:  # the answer came in before the cancel took effect: the caller acts on it
                    return content
                raise WpsError("cancelled during the request to %s" % url.split("?", 1)[0])
            # an OWS server answers errors with a 4xx/5xx and an ExceptionReport: that text is the message
            if b"ExceptionReport" in content[:2000]:
                try:
                    raise _exception(ET.fromstring(content))
                except ET.ParseError:
                    pass
            if status:  # the host answered, but not as a WPS
                raise WpsError("%s answered HTTP %s %s: is this an esvflow WPS URL?" % (
                    url.split("?", 1)[0], status, req.reply().attribute(QNetworkRequest.HttpReasonPhraseAttribute) or ""))
            raise WpsError("cannot reach the esvflow WPS server at %s: %s" % (self.url, req.errorMessage()))
        return content

    def _kvp(self, query):
        return self.url + ("&" if "?" in self.url else "?") + query

    def _xml(self, data, what):
        try:
            return ET.fromstring(data)
        except ET.ParseError:
            raise WpsError("%s at %s is not a WPS answer (not XML): is this a WPS URL?" % (what, self.url))

    def capabilities(self):
        """Process identifiers offered by GetCapabilities."""
        root = self._xml(self._fetch(self._kvp("service=WPS&version=1.0.0&request=GetCapabilities")), "GetCapabilities")
        if _local(root.tag) == "ExceptionReport":
            raise _exception(root)
        if _local(root.tag) != "Capabilities":
            raise WpsError("%s did not answer a WPS GetCapabilities (got <%s>): is this a WPS URL?" % (self.url, _local(root.tag)))
        return [_text(p, "Identifier") for p in root.iter() if _local(p.tag) == "Process"]

    def describe(self, identifiers):
        ids = ",".join(quote(i, safe=":") for i in identifiers)
        data = self._fetch(self._kvp("service=WPS&version=1.0.0&request=DescribeProcess&identifier=" + ids))
        self._xml(data, "DescribeProcess")
        return parse_descriptions(data)

    def execute(self, document, feedback=None):
        data = self._fetch(self.url, post=document.encode("utf-8"), feedback=feedback)
        self._xml(data, "Execute")
        return parse_status(data)

    def status(self, location):
        data = self._fetch(location)
        self._xml(data, "status")
        return parse_status(data)

    def dismiss(self, execution_id):
        """GeoServer's Dismiss; returns the final status (ProcessFailed "dismissed") or raises WpsError."""
        data = self._fetch(self._kvp("service=WPS&version=1.0.0&request=Dismiss&executionId=" + quote(execution_id)))
        self._xml(data, "Dismiss")
        return parse_status(data)

    def download(self, href, path, feedback=None):
        data = self._fetch(href, feedback=feedback)
        with open(path, "wb") as f:
            f.write(data)
        return len(data)
