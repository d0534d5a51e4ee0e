// fighterlaw's page: reads the form as a record, asks the service, and shows the answers, the next question,
// the reasons, the timeline, the readings side by side and the report. Plain script, no build step, nothing
// loaded from elsewhere; the record lives only in this page.
"use strict";

const OMIT = Symbol("omit");
const query = document.querySelector('meta[name="fighterlaw-query"]').content;
const token = new URLSearchParams(query).get("token");
const state = { rules: {}, skipped: new Set(), timer: null, asked: 0 };

// --- talking to the service -----------------------------------------------------------------------------------

async function post(path, body, accept = "application/json") {
  const headers = { "Content-Type": "application/json", Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`v1/${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const data = accept === "application/json" ? await response.json() : await response.text();
  return { ok: response.ok, status: response.status, data };
}

async function get(path) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(`v1/${path}`, { headers });
  return response.json();
}

// --- the form as a record ---------------------------------------------------------------------------------------

function leaves(root, prefix, visit) {
  for (const child of root.children) {
    const data = child.dataset;
    if (data.key !== undefined) {
      visit(child, prefix + data.key);
    } else if (data.object !== undefined) {
      visit(child, prefix + data.object);
      leaves(child, `${prefix}${data.object}.`, visit);
    } else if (data.list !== undefined) {
      items(child).forEach((item, index) => {
        const path = `${prefix}${data.list}[${index}]`;
        visit(item, path);
        leaves(item, `${path}.`, visit);
      });
    } else if (child.tagName !== "TEMPLATE") {
      leaves(child, prefix, visit);
    }
  }
}

function items(list) {
  return [...list.children].filter((child) => child.classList.contains("item"));
}

function readLeaf(el) {
  const kind = el.dataset.kind;
  if (kind === "date") return readDate(el);
  const control = el.querySelector("input, select");
  const value = control.value.trim();
  if (value === "") return OMIT;
  if (kind === "tri") return value === "true";
  if (el.dataset.key === "term_months" && /^\d+$/.test(value)) return Number(value);
  return value;
}

function readDate(el) {
  const mode = el.querySelector(".mode select").value;
  const part = (name) => el.querySelector(`.${name} input`).value.trim();
  if (mode === "none") return OMIT;
  if (mode === "unknown") return "unknown";
  if (mode === "window") return { from: part("from"), to: part("to") };
  return part("value") || OMIT;  // nothing typed yet: left out, so a required date says it is required
}

function readObject(root) {
  const record = {};
  fill(root, record);
  return record;
}

function fill(root, record) {
  for (const child of root.children) {
    const data = child.dataset;
    if (data.key !== undefined) {
      const value = readLeaf(child);
      if (value !== OMIT) record[data.key] = value;
    } else if (data.object !== undefined) {
      if (!child.hidden) record[data.object] = readObject(child);
    } else if (data.list !== undefined) {
      const found = items(child).map(readObject);
      if (found.length) record[data.list] = found;
    } else if (child.tagName !== "TEMPLATE") {
      fill(child, record);
    }
  }
}

function record() {
  return readObject(document.getElementById("person"));
}

// --- paths: every field knows its place in the record, to show its problems and to answer its question ---------

function numberPaths() {
  const person = document.getElementById("person");
  leaves(person, "", (el, path) => {
    el.dataset.path = path;
    if (el.classList.contains("item")) {
      const index = Number(path.match(/\[(\d+)\]$/)[1]);
      el.querySelector(":scope > legend").textContent = `${el.dataset.label} ${index + 1}`;
    }
  });
}

function fieldAt(path) {
  return document.querySelector(`#person [data-path="${CSS.escape(path)}"]`);
}

function describe(path) {
  const el = fieldAt(path);
  if (!el) return path;
  const names = [];
  for (let at = el; at && at.id !== "person"; at = at.parentElement) {
    if (at.classList.contains("item")) names.unshift(at.querySelector(":scope > legend").textContent);
    else if (at.dataset.label && at.dataset.object !== undefined) names.unshift(at.dataset.label);
  }
  names.push(el.dataset.label || path);
  return names.join(" › ");
}

function writeLeaf(el, value) {
  if (el.dataset.kind === "date") {
    const mode = el.querySelector(".mode select");
    const set = (name, text) => { el.querySelector(`.${name} input`).value = text; };
    if (value === null || value === undefined) mode.value = mode.querySelector('[value="none"]') ? "none" : "unknown";
    else if (value === "unknown") mode.value = "unknown";
    else if (typeof value === "object") { mode.value = "window"; set("from", value.from); set("to", value.to); }
    else { mode.value = { 10: "day", 7: "month", 4: "year" }[value.length] || "day"; set("value", value); }
    showParts(el);
    return;
  }
  const control = el.querySelector("input, select");
  control.value = value === true ? "true" : value === false ? "false" : value === null ? "" : String(value);
}

function showParts(el) {
  const mode = el.querySelector(".mode select").value;
  const placeholder = { day: "YYYY-MM-DD", month: "YYYY-MM", year: "YYYY" }[mode];
  el.querySelector(".value").hidden = !placeholder;
  if (placeholder) el.querySelector(".value input").placeholder = placeholder;
  for (const name of ["from", "to"]) el.querySelector(`.${name}`).hidden = mode !== "window";
}

// --- building the form ------------------------------------------------------------------------------------------

function clone(id) {
  return document.getElementById(id).content.cloneNode(true);
}

function add(kind, list) {
  const fragment = clone(`tpl-${kind}`);
  const item = fragment.firstElementChild;
  if (kind === "family") item.querySelector('[data-object="member"]').append(clone("tpl-person"));
  list.append(fragment);
  prepare(item);
  numberPaths();
  return item;
}

function prepare(root) {
  root.querySelectorAll('[data-kind="date"]').forEach(showParts);
}

function onClick(event) {
  const target = event.target;
  if (target.matches("[data-add]")) {
    const list = target.parentElement.querySelector("[data-list]");
    const item = add(target.dataset.add, list);
    item.querySelector("input, select").focus();
    changed();
  } else if (target.matches(".remove")) {
    const item = target.closest(".item");
    const list = item.parentElement;
    item.remove();
    numberPaths();
    list.parentElement.querySelector("[data-add]").focus();
    changed();
  }
}

function onChange(event) {
  const target = event.target;
  if (target.matches("[data-toggle]")) {
    const object = target.closest(".optional").querySelector("[data-object]");
    object.hidden = !target.checked;
  }
  const date = target.closest('[data-kind="date"]');
  if (date && target.closest(".mode")) showParts(date);
  changed();
}

function changed() {
  document.body.dataset.busy = "true";
  clearTimeout(state.timer);
  state.waiting = true;
  state.timer = setTimeout(() => { state.waiting = false; evaluate(); }, 250);
}

// --- problems beside their fields ---------------------------------------------------------------------------------

function clearProblems() {
  document.querySelectorAll(".problem").forEach((el) => el.remove());
  document.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
}

function showProblems(problems, asOfProblem) {
  let count = 0;
  for (const problem of problems) {
    let path = problem.path;
    let el = asOfProblem ? document.querySelector('[data-path="as_of"]') : fieldAt(path);
    while (!el && path.includes(".")) {
      path = path.slice(0, path.lastIndexOf("."));
      el = fieldAt(path);
    }
    el = el || document.getElementById("person");
    const note = document.createElement("p");
    note.className = "problem";
    note.id = `problem-${count++}`;
    note.textContent = problem.path && !asOfProblem ? `${describe(problem.path)}: ${problem.message}` : problem.message;
    el.append(note);
    el.querySelectorAll("input, select").forEach((control) => {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", note.id);
    });
  }
}

// --- the answers, the next question, and the rest ---------------------------------------------------------------

const VERDICT = { yes: "yes", no: "no", undetermined: "undetermined" };

function badge(verdict) {
  const span = document.createElement("span");
  span.className = `verdict ${verdict}`;
  span.textContent = VERDICT[verdict];
  return span;
}

function element(tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function question(result) {
  const day = document.getElementById("as-of").value.trim();
  const asked = (state.rules[result.rule] || result.rule).replace(/ on D\b/, ` on ${day}`);
  const subject = result.subject === "person" ? "" : ` (${result.subject.replace("offence:", "offence ")})`;
  return `${asked}${subject}`;
}

function asked() {
  const asOf = document.getElementById("as-of").value.trim();
  return { record: record(), as_of: asOf, reading: document.getElementById("reading").value };
}

async function evaluate() {
  document.body.dataset.busy = "true";
  state.asking = (state.asking || 0) + 1;
  state.latest = (state.latest || 0) + 1;
  try {
    await answer(state.latest);
  } finally {
    state.asking -= 1;
    // For people and tests alike: the answers shown are those of the form as it is now.
    if (!state.asking && !state.waiting) document.body.dataset.busy = "false";
  }
}

async function answer(mine) {
  const ask = asked();
  const status = document.getElementById("status");
  status.textContent = "Asking…";
  const answer = await post("explain", ask);
  if (mine !== state.latest) return;  // the form changed meanwhile: a later answer is on its way
  clearProblems();
  if (!answer.ok) {
    const problems = answer.data.problems || [];
    const onDay = problems.some((problem) => problem.path === "as_of");
    showProblems(problems, onDay);
    status.textContent = `${answer.data.error}: see the fields marked.`;
    for (const id of ["answers", "next-question", "reasons", "timeline", "readings-table", "report-text"]) {
      document.getElementById(id).replaceChildren();
    }
    return;
  }
  const { report, text, sources } = answer.data;
  showAnswers(report);
  showReasons(report, sources);
  document.getElementById("report-text").textContent = text;
  const open = report.results.filter((result) => result.verdict === "undetermined");
  status.textContent = open.length
    ? `${open.length} of ${report.results.length} answers are undetermined.`
    : `Every answer is decided (${report.results.length} answers).`;
  status.dataset.open = String(open.length);
  await Promise.all([nextQuestion(ask, open, mine), showTimeline(ask, mine), showReadings(ask, mine)]);
}

function showAnswers(report) {
  const table = element("table", undefined, "answers");
  const head = table.createTHead().insertRow();
  for (const name of ["Question", "Answer", "Sources' status", "Would be decided by"]) head.append(element("th", name));
  const body = table.createTBody();
  for (const result of report.results) {
    const row = body.insertRow();
    row.dataset.rule = result.rule;
    row.dataset.subject = result.subject;
    row.insertCell().textContent = question(result);
    row.insertCell().append(badge(result.verdict));
    row.insertCell().textContent = result.status;
    const named = (point) => (report.points?.[point] ? `${report.points[point]} (${point})` : point);
    const open = [...result.missing.map(describe), ...result.unsettled.map((point) => `unsettled law: ${named(point)}`)];
    row.insertCell().textContent = open.join("; ");
  }
  document.getElementById("answers").replaceChildren(scrolling(table));
}

async function nextQuestion(ask, open, mine) {
  const place = document.getElementById("next-question");
  const answers = await Promise.all(
    open.map((result) => post("whatif", { ...ask, rule: result.rule, subject: result.subject })),
  );
  const byPath = new Map();
  answers.forEach((answer, index) => {
    if (!answer.ok) return;
    for (const asked of answer.data.questions) {
      if (state.skipped.has(asked.path)) continue;
      // A value the record already holds tells nothing new: only the others are offered.
      const el = fieldAt(asked.path);
      const now = el ? JSON.stringify(readLeaf(el)) : undefined;
      const found = { ...asked, options: asked.options.filter((option) => JSON.stringify(option.value) !== now) };
      if (!found.options.length) continue;
      const decided = found.options.filter((option) => option.verdict !== "undetermined").length;
      const entry = byPath.get(found.path) || { path: found.path, score: 0, best: null, bestShare: -1, decides: [], open: [] };
      const share = found.options.length ? decided / found.options.length : 0;
      entry.score += (found.decisive ? 2 : 0) + share;
      (decided ? entry.decides : entry.open).push(question(open[index]).replace(/\?$/, ""));
      if (share > entry.bestShare) Object.assign(entry, { best: found, bestShare: share });
      byPath.set(found.path, entry);
    }
  });
  // Facts that decide more answers, for more of their values, first; a fact that decides none alone still
  // narrows the answer, so it is asked after them, in the order what-if ranks it.
  const ranked = [...byPath.values()].sort((a, b) => b.score - a.score);
  // A fact an open answer is missing that what-if offers no values for is still asked, after the others.
  for (const result of open) {
    for (const path of result.missing) {
      if (byPath.has(path) || state.skipped.has(path) || !fieldAt(path)) continue;
      byPath.set(path, { path, score: 0, best: null, decides: [], open: [question(result).replace(/\?$/, "")] });
      ranked.push(byPath.get(path));
    }
  }
  if (mine !== state.latest) return;
  place.replaceChildren();
  if (!ranked.length) {
    if (open.length) place.append(element("p", "No single fact left to ask would decide the open answers: they turn on unsettled law or on facts already skipped.", "note"));
    return;
  }
  const next = ranked[0];
  const box = element("div", undefined, "question");
  box.setAttribute("role", "group");
  box.setAttribute("aria-labelledby", "next-title");
  const title = element("h3", `Next question: ${describe(next.path)}?`);
  title.id = "next-title";
  box.append(title);
  if (next.decides.length) box.append(element("p", `It can decide: ${next.decides.join("; ")}.`, "note"));
  if (next.open.length) box.append(element("p", `It bears on: ${next.open.join("; ")}, with other facts.`, "note"));
  const choices = element("div", undefined, "choices");
  for (const option of next.best ? next.best.options : fieldOptions(next.path)) {
    const button = element("button", option.label === "true" ? "yes" : option.label === "false" ? "no" : option.label);
    button.type = "button";
    button.dataset.answer = next.path;
    if (option.verdict) {
      button.dataset.verdict = option.verdict;
      button.title = `${next.path} = ${JSON.stringify(option.value)}: ${option.verdict}`;
    }
    button.addEventListener("click", () => answerWith(next.path, option.value));
    choices.append(button);
  }
  if (!choices.children.length) {  // a value to type (a date, a code, a term): answered in the form itself
    const go = element("button", "Answer it in the form");
    go.type = "button";
    go.dataset.answer = next.path;
    go.dataset.focus = "true";
    go.addEventListener("click", () => {
      const control = fieldAt(next.path).querySelector("input, select");
      control.scrollIntoView({ block: "center" });
      control.focus();
    });
    choices.append(go);
  }
  const unknown = element("button", "not known (ask something else)", "skip");
  unknown.type = "button";
  unknown.addEventListener("click", () => { state.skipped.add(next.path); evaluate(); });
  choices.append(unknown);
  box.append(choices);
  place.append(box);
}

function fieldOptions(path) {
  // The values a field's own list offers (a vocabulary, yes or no), but the one it holds and "not known".
  const el = fieldAt(path);
  const select = el && el.dataset.kind !== "date" ? el.querySelector("select") : null;
  if (!select) return [];
  return [...select.options]
    .filter((option) => option.value !== "" && option.value !== select.value)
    .map((option) => ({ label: option.textContent, value: el.dataset.kind === "tri" ? option.value === "true" : option.value }));
}

function answerWith(path, value) {
  const el = fieldAt(path);
  if (!el) return;
  writeLeaf(el, value);
  state.asked += 1;
  evaluate().then(() => {
    const first = document.querySelector("#next-question button");
    if (first) first.focus();
  });
}

function showReasons(report, sources) {
  const place = document.getElementById("reasons");
  place.replaceChildren();
  for (const result of report.results) {
    const details = element("details", undefined, "result");
    const summary = element("summary");
    summary.append(badge(result.verdict), ` ${question(result)}`);
    details.append(summary, tree(result.because, sources));
    for (const warning of result.warnings) details.append(element("p", `Warning: ${warning}`, "warning"));
    place.append(details);
  }
}

function tree(reasons, sources) {
  const list = element("ul", undefined, "reasons");
  for (const reason of reasons) {
    const item = element("li");
    const line = element("div", undefined, "reason");
    line.append(badge(reason.verdict), ` ${reason.text}`);
    if (reason.provision) {
      const cited = sources[reason.provision];
      const where = reason.pinpoint ? `${reason.provision}, ${reason.pinpoint}` : reason.provision;
      const status = reason.status ? `; ${reason.status}` : "";
      const citation = element("div", `${where}${status}`, "citation");
      if (cited) citation.append(element("div", `${cited.citation} [${cited.status}]. Sources: ${cited.sources.join("; ")}`, "sources"));
      line.append(citation);
    }
    if (reason.because.length) {
      const details = element("details");
      details.open = reason.verdict === "undetermined";
      const summary = element("summary");
      summary.append(line);
      details.append(summary, tree(reason.because, sources));
      item.append(details);
    } else {
      item.append(line);
    }
    list.append(item);
  }
  return list;
}

function shifted(day, years) {
  const [y, m, d] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  return `${pad(y + years, 4)}-${pad(m)}-${pad(Math.min(d, last))}`;
}

async function showTimeline(ask, mine) {
  const place = document.getElementById("timeline");
  const body = { record: ask.record, reading: ask.reading, start: shifted(ask.as_of, -5), end: shifted(ask.as_of, 1), format: "svg", width: 960 };
  const answer = await post("timeline", body, "image/svg+xml");
  if (mine !== state.latest) return;
  place.replaceChildren();
  if (!answer.ok) return;
  const picture = element("img");
  picture.alt = `When each answer holds, from ${body.start} to ${body.end}`;
  picture.src = URL.createObjectURL(new Blob([answer.data], { type: "image/svg+xml" }));
  place.append(picture);
}

async function showReadings(ask, mine) {
  const place = document.getElementById("readings-table");
  const answer = await post("evaluate", { records: [ask.record], as_of: ask.as_of, reading: "all" });
  if (mine !== state.latest) return;
  place.replaceChildren();
  if (!answer.ok || !answer.data.reports[0].results) return;
  const results = answer.data.reports[0].results;
  const names = Object.keys(results[0].readings);
  const table = element("table", undefined, "readings");
  const head = table.createTHead().insertRow();
  for (const name of ["Question", ...names, "all readings"]) head.append(element("th", name));
  const tbody = table.createTBody();
  for (const result of results) {
    const row = tbody.insertRow();
    row.insertCell().textContent = question(result);
    for (const name of names) row.insertCell().append(badge(result.readings[name]));
    row.insertCell().append(badge(result.verdict));
  }
  place.append(scrolling(table));
}

function scrolling(table) {
  const box = element("div", undefined, "table-wrap");  // a wide table scrolls on its own, not the page
  box.append(table);
  return box;
}

// --- a file of records ------------------------------------------------------------------------------------------

async function checkFile(event) {
  event.preventDefault();
  const status = document.getElementById("file-status");
  const file = document.getElementById("file").files[0];
  if (!file) { status.textContent = "Choose a file first."; return; }
  const output = document.getElementById("output").value;
  const params = new URLSearchParams({ as_of: document.getElementById("as-of").value.trim(), reading: document.getElementById("reading").value, output });
  const name = file.name.toLowerCase();
  if (name.endsWith(".csv")) params.set("input", "csv");
  else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) params.set("input", "jsonl");
  else if (name.endsWith(".json")) params.set("input", "json");
  const headers = { "Content-Type": params.get("input") === "csv" ? "text/csv" : "application/x-ndjson" };
  if (token) headers.Authorization = `Bearer ${token}`;
  status.textContent = "Answering…";
  const response = await fetch(`v1/check?${params}`, { method: "POST", headers, body: await file.arrayBuffer() });
  if (!response.ok) {
    const data = await response.json();
    status.textContent = (data.problems || []).map((problem) => `${problem.path || "file"}: ${problem.message}`).join("; ") || data.error;
    return;
  }
  const blob = await response.blob();
  const rows = (await blob.text()).split("\n").filter(Boolean).length - (output === "csv" ? 1 : 0);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `fighterlaw-${params.get("as_of")}.${output}`;
  document.body.append(link);
  link.click();
  link.remove();
  status.textContent = `Answered ${rows} records; the download has one row per record, in order.`;
}

// --- start --------------------------------------------------------------------------------------------------------

async function start() {
  const form = document.getElementById("person-form");
  const asOf = document.getElementById("as-of");
  if (!asOf.value) asOf.value = new Date().toISOString().slice(0, 10);  // the browser's today, shown in the field
  form.addEventListener("click", onClick);
  form.addEventListener("change", onChange);
  form.addEventListener("input", (event) => { if (event.target.matches("input[type=text]")) changed(); });
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("print").addEventListener("click", () => window.print());
  document.getElementById("file-form").addEventListener("submit", checkFile);
  prepare(document.getElementById("person"));
  numberPaths();
  const rules = await get("rules");
  for (const rule of rules.rules) state.rules[rule.id] = rule.question;
  document.body.dataset.ready = "true";
  await evaluate();
}

start();
