// termkit review: keyboard-driven review of one glossary. Plain JavaScript, no dependencies.
(function () {
  "use strict";
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const message = document.getElementById("message");
  const cards = () => Array.from(document.querySelectorAll("article.concept"));
  let current = 0;
  const history = [];  // [{id, fields}] for undo

  function say(text, error) {
    message.textContent = text;
    message.className = error ? "error" : "";
  }

  // The sticky header covers the top of the page: scroll a focused row just below it, never under
  // it and never leaving a band between them.
  const top = document.querySelector("header.top");
  function fitHeader() { document.documentElement.style.scrollPaddingTop = (top ? top.offsetHeight : 0) + "px"; }
  fitHeader();
  window.addEventListener("resize", fitHeader);

  function focus(i) {
    const all = cards();
    if (!all.length) return;
    current = Math.max(0, Math.min(i, all.length - 1));
    all.forEach((c, k) => c.classList.toggle("current", k === current));
    // the row's top just below the sticky header (scroll-padding-top): never under it, no band above it
    const box = all[current].getBoundingClientRect();
    const head = top ? top.getBoundingClientRect().bottom : 0;
    if (box.top < head || box.bottom > window.innerHeight) all[current].scrollIntoView({block: "start"});
  }

  function fieldsOf(card) {
    return JSON.parse(card.dataset.fields || "null");
  }

  function render(card, c) {
    card.dataset.version = c.version;
    card.dataset.fields = JSON.stringify({en: c.en, en_variants: c.en_variants, en_forbidden: c.en_forbidden,
                                          status: c.status, note: c.note, type: c.type, fr: c.fr,
                                          fr_variants: c.fr_variants, subject: c.subject, definition: c.definition});
    card.className = card.className.replace(/status-\w+/, "status-" + c.status);
    card.querySelector(".status").textContent = c.status;
    const en = card.querySelector("header .en");
    en.textContent = c.en || "(no English)";
    const list = (sel, items, removable) => {
      const ul = card.querySelector(sel);
      ul.textContent = "";
      items.forEach((v) => {
        const li = document.createElement("li");
        li.textContent = v + " ";
        if (removable) {
          const b = document.createElement("button");
          b.className = "rm"; b.dataset.value = v; b.textContent = "×"; b.title = "remove";
          li.appendChild(b);
        }
        ul.appendChild(li);
      });
    };
    list("ul.variants", c.en_variants, true);
    list("ul.forbidden", c.en_forbidden, false);
    card.querySelector(".note").textContent = c.note;
    card.querySelector(".subject").textContent = c.subject;
    card.querySelector(".definition").textContent = c.definition;
    card.querySelector("header .type").textContent = c.type;
    card.querySelector("header .fr").textContent = c.fr;
    const form = card.querySelector("form.edit");
    form.en.value = c.en; form.note.value = c.note; form.add_variant.value = ""; form.forbid.value = "";
    form.type.value = c.type; form.fr.value = c.fr; form.subject.value = c.subject; form.definition.value = c.definition;
  }

  // One request at a time, in the order the reviewer acted: a quick "a" then "r" must not
  // race (the second would read a stale version, or land on the wrong row).
  let pending = Promise.resolve();
  function queued(task) {
    pending = pending.then(task, task);
    return pending;
  }

  function decide(card, status) {
    // the focus moves at once, so the next key acts on the next row even before the save returns
    const k = current;
    focus(current + 1);
    return queued(() => send(card, {op: "status", value: status}, true)).then((ok) => { if (!ok) focus(k); });
  }

  async function send(card, action, remember) {
    const body = Object.assign({version: card.dataset.version}, action);
    const resp = await fetch("/api/concept/" + encodeURIComponent(card.dataset.id), {
      method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
      body: JSON.stringify(body)});
    const data = await resp.json();
    if (resp.status === 409) {
      render(card, data.concept);
      say(data.error, true);
      return false;
    }
    if (!resp.ok) { say(data.error || ("error " + resp.status), true); return false; }
    if (remember && data.undo) history.push({id: card.dataset.id, fields: data.undo});
    render(card, data.concept);
    if (data.reviewed !== null) document.getElementById("reviewed").textContent = data.reviewed;
    say("saved: " + data.concept.fr + " → " + (data.concept.en || "(no English)") + " [" + data.concept.status + "]");
    return true;
  }

  async function bulk(items) {
    const resp = await fetch("/api/bulk", {
      method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
      body: JSON.stringify({items: items})});
    const data = await resp.json();
    if (resp.status === 409) {
      const card = document.getElementById("c-" + data.concept.id);
      if (card) render(card, data.concept);
      say(data.error + " (nothing was changed)", true);
      return false;
    }
    if (!resp.ok) { say(data.error || ("error " + resp.status), true); return false; }
    data.concepts.forEach((c) => { const card = document.getElementById("c-" + c.id); if (card) render(card, c); });
    if (data.reviewed !== null) document.getElementById("reviewed").textContent = data.reviewed;
    return data;
  }

  async function decideShown(status) {
    const shown = cards();
    if (!shown.length) { say("no rows shown"); return; }
    const items = shown.map((card) => ({id: card.dataset.id, version: card.dataset.version, op: "status", value: status}));
    const done = await bulk(items);
    if (done) {
      history.push({bulk: done.undo});
      say(status + ": " + shown.length + " rows (u undoes all of them)");
    }
  }

  async function undo() {
    const last = history.pop();
    if (!last) { say("nothing to undo"); return; }
    if (last.bulk) {
      const items = last.bulk.map((b) => ({id: b.id, version: document.getElementById("c-" + b.id).dataset.version,
                                           op: "restore", fields: b.fields}));
      if (await bulk(items)) say("undone: " + items.length + " rows");
      return;
    }
    const card = document.getElementById("c-" + last.id);
    if (card && await send(card, {op: "restore", fields: last.fields}, false)) say("undone: " + last.id);
  }

  // "Learn from these reviews" (only when the server has the glossary's texts): one training at a
  // time, the button off while it runs, then each model's outcome or the one-line reason.
  const learn = document.getElementById("learn");
  const learnStatus = document.getElementById("learn-status");
  async function train() {
    learn.disabled = true;
    learnStatus.className = "";
    learnStatus.textContent = "Training\u2026 this parses the texts; it may take a minute";
    try {
      const resp = await fetch("/api/learn", {
        method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": token}, body: "{}"});
      const data = await resp.json().catch(() => ({}));
      const models = data.models || {};
      const lines = Object.keys(models).map((name) => {
        const m = models[name];
        if (!m.written) return name + ": not written: " + m.error;
        const counts = name === "ranker" ? m.approved + " approved, " + m.rejected + " rejected; threshold " + m.threshold
          : m.options + " options of " + m.concepts + " concepts; thresholds " + m.threshold_names + " (names), "
            + m.threshold_terms + " (terms)";
        return name + ": wrote " + m.output + " (" + counts + ")";
      });
      learnStatus.className = resp.ok ? "" : "error";
      learnStatus.textContent = lines.length ? lines.join(" \u00b7 ") : (data.error || ("error " + resp.status));
    } catch (err) {
      learnStatus.className = "error";
      learnStatus.textContent = "the server did not answer: " + err;
    } finally {
      learn.disabled = false;
    }
  }
  if (learn) learn.addEventListener("click", train);

  const approveShown = document.getElementById("approve-shown");
  if (approveShown) approveShown.addEventListener("click", () => queued(() => decideShown("approved")));
  const rejectShown = document.getElementById("reject-shown");
  if (rejectShown) rejectShown.addEventListener("click", () => queued(() => decideShown("rejected")));

  cards().forEach((card, k) => {
    card.querySelector("header").addEventListener("click", () => focus(k));
    card.querySelector(".approve").addEventListener("click", () => queued(() => send(card, {op: "status", value: "approved"}, true)));
    card.querySelector(".reject").addEventListener("click", () => queued(() => send(card, {op: "status", value: "rejected"}, true)));
    card.querySelector(".undo").addEventListener("click", () => queued(undo));
    card.querySelector(".edit-btn").addEventListener("click", () => { card.classList.add("open"); card.querySelector("form.edit").en.focus(); });
    card.querySelector("ul.variants").addEventListener("click", (ev) => {
      if (ev.target.classList.contains("rm")) send(card, {op: "remove_variant", value: ev.target.dataset.value}, true);
    });
    const suggested = card.querySelector("ol.suggestions");
    if (suggested) suggested.addEventListener("click", (ev) => {
      // a suggestion becomes the English, saved like a typed one
      if (ev.target.classList.contains("use")) send(card, {op: "en", value: ev.target.dataset.value}, true);
    });
    card.querySelector("form.restructure").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = ev.target;
      const op = f.merge.value ? {op: "merge", value: f.merge.value} : (f.split.value ? {op: "split", value: f.split.value} : null);
      if (!op) { say("give an id to merge into, or a French variant to split off", true); return; }
      if (await send(card, op, false)) {
        say((op.op === "merge" ? "merged into " + op.value : "split off " + op.value) + ": reloading");
        setTimeout(() => window.location.reload(), 400);
      }
    });
    card.querySelector("form.edit").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = ev.target;
      const fields = fieldsOf(card);
      const ops = [];
      const oneLine = (v) => (v || "").replace(/[\r\n]/g, "");  // what an <input> shows of a value
      if (fields === null || f.en.value !== oneLine(fields.en)) ops.push({op: "en", value: f.en.value});
      if (f.add_variant.value) ops.push({op: "add_variant", value: f.add_variant.value});
      if (f.forbid.value) ops.push({op: "forbid", value: f.forbid.value});
      if (fields === null || f.note.value !== fields.note) ops.push({op: "note", value: f.note.value});
      if (fields === null || f.type.value !== fields.type) ops.push({op: "type", value: f.type.value});
      if (fields === null || f.fr.value !== oneLine(fields.fr)) ops.push({op: "fr", value: f.fr.value});
      if (fields === null || f.subject.value !== oneLine(fields.subject)) ops.push({op: "subject", value: f.subject.value});
      if (fields === null || f.definition.value !== fields.definition) ops.push({op: "definition", value: f.definition.value});
      if (ops.length) await queued(() => send(card, {ops: ops}, true));  // all or nothing
      f.en.blur();
    });
  });


  document.addEventListener("keydown", (ev) => {
    const tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const card = cards()[current];
    if (ev.key === "j") focus(current + 1);
    else if (ev.key === "k") focus(current - 1);
    else if (ev.key === "a" && card) decide(card, "approved");
    else if (ev.key === "r" && card) decide(card, "rejected");
    else if (ev.key === "e" && card) { ev.preventDefault(); card.classList.add("open"); card.querySelector("form.edit").en.select(); }
    else if (ev.key === "u") queued(undo);
    else return;
    ev.preventDefault();
  });
  focus(0);
})();
