// The recruiters' page: it talks to the same server's /v1 API and builds
// every element with textContent, never HTML from data.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const authOn = document.body.dataset.auth === "true";
  const state = { role: null, roleId: "", saved: {}, eligibleOffset: 0, nearestOffset: 0, eligible: 0, total: 0 };

  function token() {
    const t = $("token");
    return t ? t.value.trim() : "";
  }

  // api calls the API and returns the decoded answer, or throws an Error
  // whose message is the problem's title, detail and field.
  async function api(method, path, body, contentType) {
    const headers = {};
    if (authOn && token()) headers["Authorization"] = "Bearer " + token();
    if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
    const resp = await fetch(path, { method, headers, body });
    const text = await resp.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!resp.ok) {
      let msg = resp.status + " " + resp.statusText;
      if (data && data.title) {
        msg = data.title + (data.detail ? ": " + data.detail : "");
        if (data.field) msg += " (field " + data.field + (data.record ? " of " + data.record : "") + ")";
      }
      throw new Error(msg);
    }
    return data;
  }

  function status(id, text, isError) {
    const el = $(id);
    el.textContent = text;
    el.classList.toggle("error", !!isError);
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  async function refreshCount() {
    try {
      const f = await api("GET", "/v1/facets");
      $("count").textContent = f.total + " candidates";
    } catch (e) {
      $("count").textContent = "";
    }
  }

  async function refreshRoles(select) {
    try {
      const r = await api("GET", "/v1/roles");
      const sel = $("saved-role");
      const keep = select || sel.value;
      while (sel.options.length > 1) sel.remove(1);
      state.saved = {};
      for (const role of r.roles) {
        state.saved[role.id] = role;
        const o = el("option", "", role.title ? role.id + ": " + role.title : role.id);
        o.value = role.id;
        sel.appendChild(o);
      }
      sel.value = keep;
    } catch (e) {
      status("role-status", e.message, true);
    }
  }

  async function upload() {
    const f = $("file").files[0];
    if (!f) { status("import-status", "Choose a file first.", true); return; }
    status("import-status", "Loading " + f.name + "…");
    const type = f.name.toLowerCase().endsWith(".csv") ? "text/csv" : "application/json";
    try {
      const rep = await api("POST", "/v1/candidates:import", f, type);
      let msg = "Read " + rep.read + ", imported " + rep.imported;
      const rejected = (rep.rejected || []).length, unresolved = (rep.unresolved || []).length;
      if (rejected) msg += ", rejected " + rejected + " (first: " + describeRejected(rep.rejected[0]) + ")";
      if (unresolved) msg += "; " + unresolved + " certifications not recognised";
      status("import-status", msg + ".");
      refreshCount();
    } catch (e) {
      status("import-status", e.message, true);
    }
  }

  function describeRejected(r) {
    return [r.position, r.record, r.field, r.error].filter(Boolean).join(": ");
  }

  async function readPosting() {
    const text = $("posting").value.trim();
    if (!text) { status("role-status", "Paste a posting first.", true); return; }
    let type = "text/plain";
    try { JSON.parse(text); type = "application/json"; } catch (e) { /* prose */ }
    try {
      const r = await api("POST", "/v1/roles:fromJob", text, type);
      state.role = r.role;
      state.roleId = "";
      $("saved-role").value = "";
      status("role-status", "Role " + describeRole(r.role));
      $("save-role").hidden = false;
    } catch (e) {
      status("role-status", e.message, true);
    }
  }

  async function saveRole() {
    if (!state.role) return;
    try {
      const saved = await api("PUT", "/v1/roles/" + encodeURIComponent(state.role.id), JSON.stringify(state.role));
      await refreshRoles(saved.id);
      state.roleId = saved.id;
      state.role = null;
      $("save-role").hidden = true;
      status("role-status", "Saved role " + describeRole(saved));
    } catch (e) {
      status("role-status", e.message, true);
    }
  }

  function describeRole(role) {
    const req = (role.required || []).map((q) => q.any_of.join(" or ") + (q.min_version ? " >= " + q.min_version : ""));
    const parts = [role.id + (role.title ? " (" + role.title + ")" : "")];
    if (req.length) parts.push("requires " + req.join(", "));
    if ((role.required_skills || []).length) parts.push("skills " + role.required_skills.join(", "));
    if (role.min_years) parts.push(role.min_years + "+ years");
    return parts.join("; ");
  }

  function list(s) {
    return s.split(",").map((x) => x.trim()).filter(Boolean);
  }

  function rankBody(extra) {
    const body = { top: Number($("f-top").value) };
    if (state.roleId) body.role_id = state.roleId; else body.role = state.role;
    const text = $("f-text").value.trim();
    if (text) body.text = text;
    const filters = {};
    const loc = $("f-location").value.trim();
    if (loc) filters.locations = [loc];
    if (list($("f-skills").value).length) filters.skills = list($("f-skills").value);
    if (list($("f-certs").value).length) filters.certifications = list($("f-certs").value);
    if (Object.keys(filters).length) body.filters = filters;
    return JSON.stringify(Object.assign(body, extra));
  }

  async function rank() {
    if (!state.roleId && !state.role) { status("rank-status", "Pick a saved role or read a posting first.", true); return; }
    status("rank-status", "Ranking…");
    const top = Number($("f-top").value);
    try {
      const elig = await api("POST", "/v1/rank", rankBody({ offset: state.eligibleOffset }));
      state.eligible = elig.eligible;
      // The ineligible candidates follow the eligible ones in the full
      // ranking, nearest to eligible first.
      const near = await api("POST", "/v1/rank", rankBody({ ineligible: true, offset: elig.eligible + state.nearestOffset }));
      state.total = near.total;
      render("eligible", elig.results, state.eligibleOffset, elig.eligible, top);
      render("nearest", near.results, state.nearestOffset, near.total - elig.eligible, top);
      status("rank-status", "Ranked " + near.total + " candidates against " + elig.role + ".");
    } catch (e) {
      status("rank-status", e.message, true);
    }
  }

  function render(which, results, offset, count, top) {
    const ol = $(which);
    ol.replaceChildren(...results.map(candidateItem));
    $(which + "-count").textContent = "(" + count + ")";
    const pages = Math.max(1, Math.ceil(count / top));
    $(which + "-page").textContent = "page " + (Math.floor(offset / top) + 1) + " of " + pages;
    $(which + "-prev").disabled = offset === 0;
    $(which + "-next").disabled = offset + top >= count;
    if (!results.length) ol.appendChild(el("li", "empty", "No candidates."));
  }

  // firstStep is report.FirstStep: the first step for a required
  // requirement (one a required missing item names), else the first.
  function firstStep(r) {
    const steps = r.next_steps || [];
    const required = new Set((r.missing || []).filter((m) => m.required).map((m) => m.requirement));
    return steps.find((s) => required.has(s.requirement)) || steps[0];
  }

  function candidateItem(r) {
    const li = el("li", "cand");
    li.dataset.id = r.candidate_id;
    const head = el("div", "head");
    head.append(el("span", "rank", "#" + r.rank), el("span", "id", r.candidate_id), el("span", "score", r.score.toFixed(2)));
    li.appendChild(head);
    const bar = el("div", "bar");
    const fillEl = el("span");
    fillEl.style.width = Math.max(0, Math.min(100, r.score)) + "%";
    bar.appendChild(fillEl);
    li.appendChild(bar);

    const table = el("table", "components");
    for (const c of r.components || []) {
      const tr = el("tr", "component");
      tr.append(el("td", "name", c.name), el("td", "pts", c.points.toFixed(2) + " / " + c.max.toFixed(2)), el("td", "reason", c.reason));
      table.appendChild(tr);
      if ((c.evidence || []).length) {
        const etr = el("tr");
        const td = el("td");
        td.colSpan = 3;
        const ul = el("ul", "evidence");
        for (const ev of c.evidence) ul.appendChild(el("li", ev.met ? "met" : "unmet", ev.requirement + ": " + ev.detail));
        td.appendChild(ul);
        etr.appendChild(td);
        table.appendChild(etr);
      }
    }
    li.appendChild(table);

    for (const m of r.missing || []) {
      const p = el("p", "missing");
      p.append(el("b", "", (m.required ? "Missing (required) " : "Missing ") + m.requirement + ": "), document.createTextNode(m.reason));
      li.appendChild(p);
    }
    const step = firstStep(r);
    if (step) {
      const p = el("p", "next");
      p.append(el("b", "", "Next step: "), document.createTextNode(step.text));
      li.appendChild(p);
    }
    return li;
  }

  function page(which, dir) {
    const top = Number($("f-top").value);
    const key = which + "Offset";
    state[key] = Math.max(0, state[key] + dir * top);
    rank();
  }

  function restart() {
    state.eligibleOffset = 0;
    state.nearestOffset = 0;
    rank();
  }

  $("upload").addEventListener("click", upload);
  $("read-posting").addEventListener("click", readPosting);
  $("save-role").addEventListener("click", saveRole);
  $("saved-role").addEventListener("change", () => {
    state.roleId = $("saved-role").value;
    if (state.roleId) {
      state.role = null;
      $("save-role").hidden = true;
      status("role-status", "Saved role " + describeRole(state.saved[state.roleId] || { id: state.roleId }));
    }
  });
  $("rank").addEventListener("click", restart);
  $("f-top").addEventListener("change", restart);
  $("eligible-prev").addEventListener("click", () => page("eligible", -1));
  $("eligible-next").addEventListener("click", () => page("eligible", 1));
  $("nearest-prev").addEventListener("click", () => page("nearest", -1));
  $("nearest-next").addEventListener("click", () => page("nearest", 1));
  if ($("token")) {
    $("token").value = sessionStorage.getItem("certmatch-token") || "";
    $("token").addEventListener("change", () => { sessionStorage.setItem("certmatch-token", token()); refreshRoles(); refreshCount(); });
  }
  refreshRoles();
  refreshCount();
})();
