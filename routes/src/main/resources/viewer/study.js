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
    decomposition(data, doc.getElementById("decomposition-chart"));
    haiPanel(data, doc.getElementById("hai-chart"));
    sensitivity(data, doc.getElementById("sensitivity-chart"));
    interaction(data, doc.getElementById("interaction"), doc);
  }

  function numbers(rows, i) {
    return rows.map(r => { const x = parseFloat(r[i]); return isNaN(x) ? null : x; });
  }

  /**
   * ESV change of the whole area (region_id "all") per period or pair (CNY/yr), split into the land-use, correction
   * and interaction effects (stacked; they add up to the change, drawn as a line).
   */
  function decomposition(data, canvas) {
    const t = data.tables.esv_change_decomposition;
    const r = column(t, "region_id"), d = column(t, "delta");
    const parts = ["land_use_effect", "correction_effect", "interaction"].map(n => [n, column(t, n)]).filter(p => p[1] >= 0);
    if (!canvas || r < 0 || d < 0 || !parts.length) return;
    const rows = t.slice(1).filter(row => row[r] === "all");
    if (!rows.length) return;
    const labels = rows.map(row => row[0]);
    const colours = { land_use_effect: "#d9a03f", correction_effect: "#4a90d9", interaction: "#a0a0a0" };
    const datasets = parts.map(([name, i]) => ({ type: "bar", label: name.replace(/_/g, " ") + " (CNY/yr)", data: numbers(rows, i),
      stack: "effects", backgroundColor: colours[name] }));
    datasets.push({ type: "line", label: "change (CNY/yr)", data: numbers(rows, d), stack: "delta", borderColor: "#000", backgroundColor: "#000" });
    chart(canvas, {
      type: "bar",
      data: { labels, datasets },
      options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "CNY/yr" } } },
        plugins: { title: { display: true, text: "Decomposition of the ESV change (whole area)" } } }
    });
  }

  /** HAI of each region over the years (hai_panel), for the region set with the fewest regions (at most 12 lines). */
  function haiPanel(data, canvas) {
    const t = data.tables.hai_panel;
    const y = column(t, "year"), h = column(t, "hai"), id = column(t, "region_id");
    if (!canvas || y < 0 || h < 0 || id < 0) return;
    const name = column(t, "name"), set = column(t, "region_set");
    const rows = t.slice(1);
    const bySet = new Map();
    for (const row of rows) {
      const key = set >= 0 ? row[set] : "";
      if (!bySet.has(key)) bySet.set(key, new Set());
      bySet.get(key).add(row[id]);
    }
    const chosen = Array.from(bySet.entries()).sort((a, b) => a[1].size - b[1].size)[0];
    if (!chosen) return;
    const years = Array.from(new Set(rows.map(r => r[y]))).sort();
    const datasets = Array.from(chosen[1]).slice(0, 12).map(region => {
      const mine = rows.filter(r => (set < 0 || r[set] === chosen[0]) && r[id] === region);
      return {
        label: name >= 0 && mine.length ? mine[0][name] : region,
        data: years.map(year => { const r = mine.find(x => x[y] === year); const v = r ? parseFloat(r[h]) : NaN; return isNaN(v) ? null : v; })
      };
    });
    chart(canvas, {
      type: "line",
      data: { labels: years, datasets },
      options: { animation: false, scales: { y: { title: { display: true, text: "HAI (0–1)" } } },
        plugins: { title: { display: true, text: "Human activity intensity by region" + (chosen[0] ? " (" + chosen[0] + ")" : "") } } }
    });
  }

  /** Coefficient of sensitivity of each land-use class (±50 % of its coefficients), one bar per epoch. */
  function sensitivity(data, canvas) {
    const t = data.tables.esv_sensitivity;
    const y = column(t, "year"), l = column(t, "label") >= 0 ? column(t, "label") : column(t, "code"), cs = column(t, "cs_plus");
    if (!canvas || y < 0 || l < 0 || cs < 0) return;
    const rows = t.slice(1);
    const years = Array.from(new Set(rows.map(r => r[y]))).sort();
    const classes = Array.from(new Set(rows.map(r => r[l])));
    const datasets = years.map(year => ({
      label: year,
      data: classes.map(c => { const r = rows.find(x => x[y] === year && x[l] === c); const v = r ? parseFloat(r[cs]) : NaN; return isNaN(v) ? null : v; })
    }));
    chart(canvas, {
      type: "bar",
      data: { labels: classes, datasets },
      options: { animation: false, scales: { y: { min: 0, title: { display: true, text: "CS (dimensionless)" } } },
        plugins: { title: { display: true, text: "Coefficient of sensitivity by land-use class" } } }
    });
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

  /** Tables formatted for reading (data.display: units in headers, rounded numbers) with links to the full CSV files. */
  function tables(data, el, doc, linkBase) {
    if (!el) return;
    el.replaceChildren();
    for (const [name, full] of Object.entries(data.tables)) {
      const rows = data.display && data.display[name] ? data.display[name] : full;
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
          if (i > 0 && v !== "" && isNaN(parseFloat(String(v).replace(/,/g, "")))) c.className = "text";
          tr.appendChild(c);
        });
      });
      el.appendChild(table);
      const total = data.rowCounts && data.rowCounts[name] !== undefined ? data.rowCounts[name] + 1 : full.length;
      if (total > 201) {
        const more = doc.createElement("p");
        more.textContent = (total - 201).toLocaleString("en") + " more rows in the CSV file.";
        el.appendChild(more);
      }
    }
  }

  function wmsUrl(data, params) {
    const q = Object.entries(params).filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&");
    return data.wms + (data.wms.includes("?") ? "&" : "?") + q;
  }

  /**
   * Maps of the report: the PNG files rendered at the end of the study (layer.images, relative to the report folder),
   * one per epoch, with the layer's legend; a map the server could not draw is named with its reason.
   */
  function maps(data, el, doc) {
    if (!el) return;
    for (const layer of data.layers) {
      const h = doc.createElement("h3");
      h.textContent = layer.title;
      el.appendChild(h);
      const row = doc.createElement("div");
      row.className = "maps";
      for (const image of layer.images || []) {
        const fig = doc.createElement("figure");
        if (image.file) {
          const img = doc.createElement("img");
          img.className = "map";
          img.alt = layer.title + (image.time ? " " + image.time : "");
          img.src = image.file;
          fig.appendChild(img);
        } else {
          const p = doc.createElement("p");
          p.className = "failed";
          p.textContent = "map not rendered: " + image.error;
          fig.appendChild(p);
        }
        const cap = doc.createElement("figcaption");
        cap.textContent = image.time || "";
        fig.appendChild(cap);
        row.appendChild(fig);
      }
      if (layer.legend) {
        const legend = doc.createElement("img");
        legend.className = "legend";
        legend.alt = "legend of " + layer.title;
        legend.src = layer.legend;
        row.appendChild(legend);
      }
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
    // the chart lies beside the report: its path without the report folder keeps the folder movable
    transitions(Object.assign({}, data, { transitionChart: data.transitionChart && data.transitionChart.replace(/^report\//, "") }), doc, "");
    tables(data, doc.getElementById("tables"), doc, options.tableLinkBase);
  }

  global.EsvflowStudy = { esvByEpoch, esvTotals, changeIndex, charts, decomposition, haiPanel, sensitivity, transitions, tables, maps,
    legendUrl, wmsUrl, summary, report };
})(window);
