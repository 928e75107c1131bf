/*
 * esvflow web viewer: WMS layers of a study with an epoch slider (TIME), a two-epoch swipe, an optional OpenStreetMap
 * basemap (off by default, so the viewer needs nothing from outside), legend, values on click, charts and tables.
 */
(function () {
  "use strict";
  const map = L.map("map", { zoomControl: true });
  const state = { data: null, layer: null, wms: null, times: [], compare: null, basemap: null };
  // the compared epoch is drawn in its own pane above the overlays and clipped left of the divide
  const comparePane = map.createPane("compare");
  comparePane.style.zIndex = 450;
  const divide = document.createElement("div");
  divide.className = "swipe-divide";
  divide.hidden = true;
  map.getContainer().appendChild(divide);

  function ows() {
    return new URL("/ows", window.location.href).toString();
  }

  function chooseLayer(layer) {
    state.layer = layer;
    state.times = layer.times;
    const slider = document.getElementById("epoch");
    slider.max = Math.max(0, layer.times.length - 1);
    slider.value = slider.max;
    slider.disabled = layer.times.length < 2;
    if (state.wms) map.removeLayer(state.wms);
    state.wms = L.tileLayer.wms(ows(), {
      layers: layer.name, styles: "", format: "image/png", transparent: true, version: "1.3.0", tileSize: 256
    });
    state.wms.addTo(map);
    setEpoch(Number(slider.value));
    compareOptions();
    const legend = document.getElementById("legend");
    legend.src = EsvflowStudy.legendUrl(Object.assign({}, state.data, { wms: ows() }), layer);
    document.getElementById("info").textContent = "Click the map.";
  }

  function setEpoch(index) {
    const t = state.times[index];
    document.getElementById("epoch-label").textContent = t || "";
    if (state.wms) state.wms.setParams(t ? { time: t } : { time: undefined });
  }

  /** The epochs the swipe can show, the first by default (the slider shows the last). */
  function compareOptions() {
    const select = document.getElementById("compare-epoch");
    select.replaceChildren();
    state.times.forEach(t => {
      const o = document.createElement("option");
      o.value = o.textContent = t;
      select.appendChild(o);
    });
    const box = document.getElementById("compare");
    box.disabled = state.times.length < 2;
    if (box.disabled) box.checked = false;
    compare();
  }

  /** Shows (or removes) the layer at the chosen epoch in the compare pane, clipped at the divide. */
  function compare() {
    const on = document.getElementById("compare").checked;
    const select = document.getElementById("compare-epoch");
    select.disabled = document.getElementById("swipe").disabled = !on;
    if (state.compare) {
      map.removeLayer(state.compare);
      state.compare = null;
    }
    divide.hidden = !on;
    if (!on || !state.layer) return;
    state.compare = L.tileLayer.wms(ows(), {
      layers: state.layer.name, styles: "", format: "image/png", transparent: true, version: "1.3.0", tileSize: 256,
      pane: "compare", time: select.value
    });
    state.compare.addTo(map);
    clip();
  }

  /**
   * Clips the compare pane to the part of the map left of the divide. The pane lives in layer coordinates (it moves
   * with the map), so the container's corners and the divide are converted to them on every move.
   */
  function clip() {
    if (!state.compare) return;
    const size = map.getSize();
    const x = size.x * Number(document.getElementById("swipe").value) / 100;
    const nw = map.containerPointToLayerPoint([0, 0]), se = map.containerPointToLayerPoint([size.x, size.y]);
    const right = map.containerPointToLayerPoint([x, 0]).x;
    comparePane.style.clip = "rect(" + nw.y + "px, " + right + "px, " + se.y + "px, " + nw.x + "px)";
    divide.style.left = x + "px";
  }

  /** OpenStreetMap tiles under the layers, only when asked for (they come from the internet). */
  function basemap() {
    const on = document.getElementById("basemap").checked;
    if (on && !state.basemap) {
      state.basemap = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19, attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors"
      });
      state.basemap.addTo(map);
      state.basemap.bringToBack();
    } else if (!on && state.basemap) {
      map.removeLayer(state.basemap);
      state.basemap = null;
    }
  }

  function featureInfo(e) {
    if (!state.layer) return;
    const size = map.getSize();
    const b = map.getBounds();
    const sw = L.CRS.EPSG3857.project(b.getSouthWest()), ne = L.CRS.EPSG3857.project(b.getNorthEast());
    const p = map.latLngToContainerPoint(e.latlng);
    const t = state.times[Number(document.getElementById("epoch").value)];
    const url = EsvflowStudy.wmsUrl({ wms: ows() }, {
      service: "WMS", version: "1.3.0", request: "GetFeatureInfo", layers: state.layer.name, query_layers: state.layer.name,
      styles: "", crs: "EPSG:3857", bbox: [sw.x, sw.y, ne.x, ne.y].join(","), width: size.x, height: size.y,
      i: Math.round(p.x), j: Math.round(p.y), info_format: "text/plain", time: t
    });
    fetch(url).then(r => r.text()).then(text => { document.getElementById("info").textContent = text.trim(); })
      .catch(err => { document.getElementById("info").textContent = "no value: " + err; });
  }

  function downloads(study) {
    const ul = document.getElementById("downloads");
    ul.replaceChildren();
    const links = [["report/index.html", "HTML report"], ["study.qgs", "Open in QGIS (study.qgs)"],
      ["provenance.json", "provenance.json"], ["summary.json", "summary.json"]];
    Object.keys(state.data.tables).forEach(n => links.push(["tables/" + n + ".csv", n + ".csv"]));
    for (const [href, text] of links) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = "/studies/" + study + "/" + href;
      a.textContent = text;
      // the project's layer paths are relative to the study folder: open the copy there
      if (href === "study.qgs" && state.data.summary && state.data.summary.output) a.title = state.data.summary.output + "/study.qgs";
      li.appendChild(a);
      ul.appendChild(li);
    }
  }

  function show(study, data) {
    state.data = data;
    document.title = "esvflow — " + data.title;
    document.getElementById("title").textContent = data.title;
    EsvflowStudy.summary(data, document.getElementById("summary"));
    const [w, s, e, n] = data.bbox;
    map.fitBounds([[s, w], [n, e]]);
    const box = document.getElementById("layers");
    box.replaceChildren();
    data.layers.forEach((layer, i) => {
      const label = document.createElement("label");
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "layer";
      radio.value = layer.name;
      radio.id = "layer-" + layer.title;
      radio.addEventListener("change", () => chooseLayer(layer));
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + layer.title));
      box.appendChild(label);
      if (i === 0) radio.checked = true;
    });
    if (data.layers.length) chooseLayer(data.layers[0]);
    EsvflowStudy.charts(data, document);
    EsvflowStudy.transitions(data, document, "/studies/" + study + "/");
    EsvflowStudy.tables(data, document.getElementById("tables"), document, "/studies/" + study + "/tables/");
    downloads(study);
    document.body.dataset.ready = "true";
  }

  document.getElementById("epoch").addEventListener("input", e => setEpoch(Number(e.target.value)));
  document.getElementById("compare").addEventListener("change", compare);
  document.getElementById("compare-epoch").addEventListener("change", compare);
  document.getElementById("swipe").addEventListener("input", clip);
  document.getElementById("basemap").addEventListener("change", basemap);
  map.on("move zoom resize", clip);
  map.on("click", featureInfo);

  const wanted = new URLSearchParams(window.location.search).get("study");
  fetch("/studies/").then(r => r.json()).then(list => {
    const study = wanted || list[0];
    if (!study) {
      document.getElementById("summary").textContent = "No study has finished yet.";
      return null;
    }
    return fetch("/studies/" + study + "/study.json").then(r => r.json()).then(data => show(study, data));
  });
})();
