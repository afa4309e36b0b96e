// The formula pane's script. The application sends its whole state with tlift.update(state);
// the page typesets it with KaTeX, waits for the fonts, and answers bridge.typeset(generation,
// errors). Clicks on subterms marked \htmlData{id=...}{...} go to bridge.subtermClicked(id).
"use strict";

const tlift = (() => {
  let bridge = null;
  let highlighted = "";
  const openSections = new Set();

  const katexOptions = (displayMode) => ({
    displayMode,
    throwOnError: true,
    output: "htmlAndMathml",
    strict: "ignore",
    // \htmlData only: it carries the ids of linked subterms; \href, \url, \includegraphics and
    // the other trusted commands stay off.
    trust: (context) => context.command === "\\htmlData",
  });

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Plain text with inline math between \( and \), as assumptions are written.
  function renderInline(parent, text, errors) {
    const parts = text.split(/\\\((.*?)\\\)/s);
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        parent.appendChild(document.createTextNode(part));
        return;
      }
      const span = element("span");
      try {
        katex.render(part, span, katexOptions(false));
      } catch (e) {
        span.className = "katex-error";
        span.textContent = part;
        span.title = e.message;
        errors.push(e.message);
      }
      parent.appendChild(span);
    });
  }

  function typeset(parent, latex, displayMode, errors, label) {
    try {
      katex.render(latex, parent, katexOptions(displayMode));
      return true;
    } catch (e) {
      const source = element("div", "katex-error", latex);
      source.title = e.message;
      parent.appendChild(source);
      errors.push((label ? label + ": " : "") + e.message);
      return false;
    }
  }

  function list(title, entries, errors, className) {
    const box = element("div", "notes" + (className ? " " + className : ""));
    if (title) box.appendChild(element("h3", "", title));
    const ul = element("ul");
    for (const entry of entries) {
      const li = element("li");
      renderInline(li, entry, errors);
      ul.appendChild(li);
    }
    box.appendChild(ul);
    return box;
  }

  // A section the reader opens when they want it: its state survives updates of the page.
  function details(key, title, count, build) {
    const d = element("details", "more");
    d.dataset.key = key;
    if (openSections.has(key)) d.open = true;
    d.addEventListener("toggle", () => {
      if (d.open) openSections.add(key); else openSections.delete(key);
    });
    const summary = element("summary", "", title);
    if (count !== undefined) summary.appendChild(element("span", "count", String(count)));
    d.appendChild(summary);
    build(d);
    return d;
  }

  function renderFormula(item, errors, index) {
    const card = element("section", "formula");
    const header = element("header");
    header.appendChild(element("h2", "", item.title || "Formula"));
    if (item.mode) header.appendChild(element("span", "mode", item.mode));
    if (item.verdict) {
      const badge = element("span", "badge " + item.verdict, item.verdictText || item.verdict);
      badge.dataset.verdict = item.verdict;
      if (item.detail) badge.title = item.detail;
      header.appendChild(badge);
    }
    card.appendChild(header);
    const math = element("div", "math");
    card.appendChild(math);
    if (!typeset(math, item.latex, true, errors, item.title)) {
      card.appendChild(element("div", "error-message", errors[errors.length - 1]));
    }
    for (const form of item.forms || []) {
      const row = element("div", "form");
      row.appendChild(element("div", "form-label", form.label));
      const m = element("div", "math");
      typeset(m, form.latex, true, errors, form.label);
      row.appendChild(m);
      card.appendChild(row);
    }
    if (item.detail) card.appendChild(element("div", "detail", item.detail));
    if (item.counterexample) {
      const cx = element("div", "counterexample");
      cx.appendChild(element("h3", "", "Counterexample"));
      cx.appendChild(element("pre", "", item.counterexample));
      card.appendChild(cx);
    }
    if (item.notes && item.notes.length) card.appendChild(list("Assumptions", item.notes, errors));
    const key = (item.title || "") + "#" + index;
    if (item.derivation && item.derivation.length) {
      card.appendChild(details(key + "/derivation", "Derivation", item.derivation.length, (d) => {
        const table = element("table", "derivation");
        item.derivation.forEach((step, i) => {
          const tr = element("tr");
          tr.appendChild(element("td", "step", String(i + 1)));
          tr.appendChild(element("td", "rule", step.rule));
          const before = element("td", "side");
          typeset(before, step.before, false, errors, step.rule);
          const arrow = element("td", "arrow", "\u27f6");
          const after = element("td", "side");
          typeset(after, step.after, false, errors, step.rule);
          tr.append(before, arrow, after);
          table.appendChild(tr);
        });
        d.appendChild(table);
      }));
    }
    if (item.rules && item.rules.length) {
      card.appendChild(details(key + "/rules", "E-graph rules used", item.rules.length, (d) => {
        const p = element("div", "rules");
        for (const r of item.rules) p.appendChild(element("code", "", r));
        d.appendChild(p);
      }));
    }
    if (item.checks && item.checks.length) {
      card.appendChild(details(key + "/checks", "Proof obligations", item.checks.length,
                               (d) => d.appendChild(list("", item.checks, errors, "plain"))));
    }
    if (item.context && item.context.length) {
      card.appendChild(details(key + "/context", "Launch context", item.context.length,
                               (d) => d.appendChild(list("", item.context, errors, "plain"))));
    }
    return card;
  }

  function renderPlaceholder(state) {
    const box = element("div", "placeholder");
    if (state.placeholderTitle) box.appendChild(element("h2", "", state.placeholderTitle));
    for (const para of (state.placeholderText || "").split(/\n\s*\n/)) {
      if (para.trim()) box.appendChild(element("p", "", para.trim()));
    }
    return box;
  }

  function highlight(id) {
    highlighted = id || "";
    for (const e of document.querySelectorAll("[data-id].linked")) e.classList.remove("linked");
    if (!highlighted) return 0;
    const hits = document.querySelectorAll('[data-id="' + CSS.escape(highlighted) + '"]');
    for (const e of hits) e.classList.add("linked");
    return hits.length;
  }

  // One frame, or a short timeout where a hidden page gets no frames.
  function nextFrame() {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => { if (!done) { done = true; resolve(); } };
      requestAnimationFrame(finish);
      setTimeout(finish, 100);
    });
  }

  // Fonts load only once a layout needs them: force the layout, then wait for every load.
  async function fontsLoaded() {
    void document.body.offsetHeight;
    await nextFrame();
    for (let i = 0; i < 20 && document.fonts.status !== "loaded"; ++i) await document.fonts.ready;
  }

  async function update(state) {
    document.body.className = state.dark ? "dark" : "light";
    document.documentElement.style.fontSize = state.fontPoints + "pt";
    const main = document.getElementById("formulas");
    const errors = [];
    main.replaceChildren();
    if (!state.formulas.length) main.appendChild(renderPlaceholder(state));
    state.formulas.forEach((item, i) => main.appendChild(renderFormula(item, errors, i)));
    highlight(state.highlight);
    await fontsLoaded();
    await nextFrame();
    await nextFrame(); // the frame with the fonts in it has reached the screen
    if (bridge) bridge.typeset(state.generation, errors);
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest ? event.target.closest("[data-id]") : null;
    if (!target) return;
    highlight(target.dataset.id);
    if (bridge) bridge.subtermClicked(target.dataset.id);
  });

  window.addEventListener("DOMContentLoaded", () => {
    new QWebChannel(qt.webChannelTransport, (channel) => {
      bridge = channel.objects.bridge;
      bridge.pageReady();
    });
  });

  return { update, highlight };
})();
