/* esvflow: charts, tables and WMS maps of a study (study.json), shared by the report and the web viewer. */
(function (global) {
  "use strict";

  function column(rows, name) {
    return rows && rows.length ? rows[0].indexOf(name) : -1;
  }

  /** ESV per epoch (CNY/yr) from esv_totals: quantity "total_esv" (corrected) or "static_esv" (no correction). */
  function esvTotals(data, quantity) {
    const rows = data.tables.esv_totals;
    const e = column(rows, "epoch"), q = column(rows, "quantity"), v = column(rows, "value");
    const sums = new Map();
    if (e < 0 || q < 0 || v < 0) return sums;
    for (const row of rows.slice(1)) {
      const x = parseFloat(row[v]);
      if (row[q] === quantity && !isNaN(x)) sums.set(row[e], x);
    }
    return sums;
  }

  /** ESV per epoch: the sum of esv_total over the classes of esv_by_class (CNY/yr). */
  function esvByEpoch(data) {
    const rows = data.tables.esv_by_class;
    const e = column(rows, "epoch"), v = column(rows, "esv_total");
    const sums = new Map();
    if (e < 0 || v < 0) return sums;
    for (const row of rows.slice(1)) {
      const x = parseFloat(row[v]);
      if (!isNaN(x)) sums.set(row[e], (sums.get(row[e]) || 0) + x);
    }
    return sums;
  }

  /** ESV change index between consecutive epochs: (ESV_t2 - ESV_t1) / ESV_t1. */
  function changeIndex(sums) {
    const years = Array.from(sums.keys());
    const out = [];
    for (let i = 1; i < years.length; i++) {
      const a = sums.get(years[i - 1]), b = sums.get(years[i]);
      out.push({ period: years[i - 1] + "–" + years[i], index: (b - a) / a });
    }
    return out;
  }

  function chart(canvas, config) {
    if (!canvas || typeof global.Chart === "undefined") return null;
    const existing = global.Chart.getChart ? global.Chart.getChart(canvas) : null;
    if (existing) existing.destroy();
    return new global.Chart(canvas, config);
  }

  function charts(data, doc) {
    const corrected = esvTotals(data, "total_esv");
    const sums = corrected.size ? corrected : esvByEpoch(data);
    const statics = esvTotals(data, "static_esv");
    if (sums.size) {
      const years = Array.from(sums.keys());
      const datasets = [{ label: statics.size ? "ESV, corrected (CNY/yr)" : "ESV (CNY/yr)", data: years.map(y => sums.get(y)) }];
      if (statics.size) datasets.push({ label: "ESV, static (CNY/yr)", data: years.map(y => statics.get(y)), borderDash: [6, 4] });
      chart(doc.getElementById("esv-chart"), {
        type: "line",
        data: { labels: years, datasets: datasets },
        options: { animation: false, plugins: { title: { display: true, text: "ESV over time" } } }
      });
      const ci = changeIndex(sums);
      chart(doc.getElementById("change-chart"), {
        type: "bar",
        data: { labels: ci.map(c => c.period), datasets: [{ label: "ESV change index", data: ci.map(c => c.index) }] },
        options: { animation: false, plugins: { title: { display: true, text: "ESV change index" } } }
      });
    }
    const year = latestYear(data.tables.gd_factor);
    const f = ofYear(data.tables.gd_factor, year);
    const fi = column(f, "factor"), qi = column(f, "q");
    if (fi >= 0 && qi >= 0) {
      const rows = f.slice(1).sort((a, b) => parseFloat(b[qi]) - parseFloat(a[qi]));
      chart(doc.getElementById("q-chart"), {
        type: "bar",
        data: { labels: rows.map(r => r[fi]), datasets: [{ label: "q (factor detector)", data: rows.map(r => parseFloat(r[qi])) }] },
        options: { animation: false, indexAxis: "y", scales: { x: { min: 0, max: 1 }, y: { ticks: { autoSkip: false } } },
          plugins: { title: { display: true, text: "GeoDetector q by factor" + (year ? " (" + year + ")" : "") } } }
      });
    }
    qOverTime(data, doc.getElementById("q-time-chart"));
    interaction(data, doc.getElementById("interaction"), doc);
  }

  /** The last epoch of a GeoDetector table with a year column (the change run, change:FROM-TO, is not an epoch). */
  function latestYear(rows) {
    const y = column(rows, "year");
    if (y < 0) return null;
    const years = rows.slice(1).map(r => r[y]).filter(v => /^\d+$/.test(v)).sort();
    return years.length ? years[years.length - 1] : null;
  }

  /** The header and the rows of one year (all rows when the table has no year column). */
  function ofYear(rows, year) {
    const y = column(rows, "year");
    if (!rows || y < 0 || year === null) return rows;
    return [rows[0]].concat(rows.slice(1).filter(r => r[y] === year));
  }

  /** q of each factor over the epochs (gd_q_by_year), one line per factor. */
  function qOverTime(data, canvas) {
    const t = data.tables.gd_q_by_year;
    const f = column(t, "factor"), y = column(t, "year"), q = column(t, "q");
    if (f < 0 || y < 0 || q < 0) return;
    const rows = t.slice(1).filter(r => /^\d+$/.test(r[y]));
    const years = Array.from(new Set(rows.map(r => r[y]))).sort();
    const factors = Array.from(new Set(rows.map(r => r[f])));
    const datasets = factors.map(name => ({
      label: name,
      data: years.map(year => {
        const r = rows.find(x => x[f] === name && x[y] === year);
        return r ? parseFloat(r[q]) : null;
      })
    }));
    chart(canvas, {
      type: "line",
      data: { labels: years, datasets },
      options: { animation: false, scales: { y: { min: 0, max: 1 } },
        plugins: { title: { display: true, text: "GeoDetector q of each factor over time" } } }
    });
  }

  /** Interaction detector as a heat map: q(a ∩ b) in each cell, darker for larger q (the last epoch's). */
  function interaction(data, el, doc) {
    const t = ofYear(data.tables.gd_interaction, latestYear(data.tables.gd_interaction));
    const a = column(t, "factor_a"), b = column(t, "factor_b"), q = column(t, "q12");
    if (!el || a < 0 || b < 0 || q < 0) return;
    const names = [];
    const values = new Map();
    for (const r of t.slice(1)) {
      for (const n of [r[a], r[b]]) if (!names.includes(n)) names.push(n);
      values.set(r[a] + "|" + r[b], parseFloat(r[q]));
      values.set(r[b] + "|" + r[a], parseFloat(r[q]));
    }
    const table = doc.createElement("table");
    table.className = "heatmap";
    const head = table.insertRow();
    head.insertCell().textContent = "q(a ∩ b)";
    names.forEach(n => { const th = doc.createElement("th"); th.textContent = n; head.appendChild(th); });
    for (const r of names) {
      const row = table.insertRow();
      const th = doc.createElement("th");
      th.textContent = r;
      row.appendChild(th);
      for (const c of names) {
        const cell = row.insertCell();
        const v = values.get(r + "|" + c);
        if (v !== undefined && !isNaN(v)) {
          cell.textContent = v.toFixed(3);
          const light = Math.round(255 - 180 * Math.max(0, Math.min(1, v)));
          cell.style.background = "rgb(" + light + "," + light + ",255)";
        }
      }
    }
    el.replaceChildren(table);
  }

  /** The Sankey-style land-use transition chart (a PNG the pipeline draws), from base = the study's output folder. */
  function transitions(data, doc, base) {
    const fig = doc.getElementById("transition-figure"), img = doc.getElementById("transition-chart");
    if (!fig || !img || !data.transitionChart) return;
    img.src = base + data.transitionChart;
    fig.hidden = false;
  }

  function tables(data, el, doc, linkBase) {
    if (!el) return;
    el.replaceChildren();
    for (const [name, rows] of Object.entries(data.tables)) {
      const h = doc.createElement("h3");
      const link = doc.createElement("a");
      link.href = linkBase + name + ".csv";
      link.textContent = name + ".csv";
      link.setAttribute("download", "");
      h.appendChild(link);
      el.appendChild(h);
      const table = doc.createElement("table");
      rows.slice(0, 201).forEach((r, i) => {
        const tr = table.insertRow();
        r.forEach(v => {
          const c = doc.createElement(i === 0 ? "th" : "td");
          c.textContent = v;
          tr.appendChild(c);
        });
      });
      el.appendChild(table);
      if (rows.length > 201) {
        const more = doc.createElement("p");
        more.textContent = (rows.length - 201) + " more rows in the CSV file.";
        el.appendChild(more);
      }
    }
  }

  function wmsUrl(data, params) {
    const q = Object.entries(params).filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&");
    return data.wms + (data.wms.includes("?") ? "&" : "?") + q;
  }

  /** Maps as WMS 1.1.1 GetMap images in EPSG:4326 (longitude, latitude), one per epoch, with the legend. */
  function maps(data, el, doc) {
    if (!el) return;
    const [w, s, e, n] = data.bbox;
    const width = 320, height = Math.max(1, Math.round(width * (n - s) / (e - w)));
    for (const layer of data.layers) {
      const h = doc.createElement("h3");
      h.textContent = layer.title;
      el.appendChild(h);
      const row = doc.createElement("div");
      row.className = "maps";
      const times = layer.times.length ? layer.times : [null];
      for (const t of times) {
        const fig = doc.createElement("figure");
        const img = doc.createElement("img");
        img.className = "map";
        img.width = width;
        img.height = height;
        img.alt = layer.title + (t ? " " + t : "");
        img.src = wmsUrl(data, { service: "WMS", version: "1.1.1", request: "GetMap", layers: layer.name, styles: "",
          srs: "EPSG:4326", bbox: [w, s, e, n].join(","), width: width, height: height, format: "image/png",
          transparent: "true", time: t || undefined });
        fig.appendChild(img);
        const cap = doc.createElement("figcaption");
        cap.textContent = t || "";
        fig.appendChild(cap);
        row.appendChild(fig);
      }
      const legend = doc.createElement("img");
      legend.alt = "legend of " + layer.title;
      legend.src = legendUrl(data, layer);
      row.appendChild(legend);
      el.appendChild(row);
    }
  }

  function legendUrl(data, layer) {
    return wmsUrl(data, { service: "WMS", version: "1.3.0", request: "GetLegendGraphic", layer: layer.name,
      format: "image/png", style: layer.style || undefined });
  }

  function summary(data, el) {
    if (!el) return;
    const s = data.summary;
    el.textContent = s.executed + " steps run, " + s.skipped + " kept from an earlier run, " + s.failed.length
      + " failed" + (s.failed.length ? " (" + s.failed.join(", ") + ")" : "") + "; " + s.seconds.toFixed(1) + " s.";
    if (s.failed.length) el.className = "failed";
  }

  function report(data, doc, options) {
    doc.getElementById("title").textContent = data.title;
    summary(data, doc.getElementById("summary"));
    maps(data, doc.getElementById("maps"), doc);
    charts(data, doc);
    transitions(data, doc, "../");
    tables(data, doc.getElementById("tables"), doc, options.tableLinkBase);
  }

  global.EsvflowStudy = { esvByEpoch, esvTotals, changeIndex, charts, transitions, tables, maps, legendUrl, wmsUrl, summary, report };
})(window);
