// The formula pane's script. The application sends its whole state with tlift.update(state);
// the page typesets it with KaTeX, waits for the fonts, and answers bridge.typeset(generation,
// errors). Clicks on subterms marked \htmlData{id=...}{...} go to bridge.subtermClicked(id).
"use strict";

const tlift = (() => {
  let bridge = null;
  let highlighted = "";

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

  function renderFormula(item, errors) {
    const card = element("section", "formula");
    const header = element("header");
    header.appendChild(element("h2", "", item.title || "Formula"));
    if (item.verdict) {
      const badge = element("span", "badge " + item.verdict, item.verdictText || item.verdict);
      badge.dataset.verdict = item.verdict;
      header.appendChild(badge);
    }
    card.appendChild(header);
    const math = element("div", "math");
    card.appendChild(math);
    try {
      katex.render(item.latex, math, katexOptions(true));
    } catch (e) {
      const source = element("div", "katex-error", item.latex);
      source.title = e.message;
      math.appendChild(source);
      card.appendChild(element("div", "error-message", e.message));
      errors.push((item.title ? item.title + ": " : "") + e.message);
    }
    if (item.notes && item.notes.length) {
      const notes = element("div", "notes");
      notes.appendChild(element("h3", "", "Assumptions"));
      const list = element("ul");
      for (const note of item.notes) {
        const li = element("li");
        renderInline(li, note, errors);
        list.appendChild(li);
      }
      notes.appendChild(list);
      card.appendChild(notes);
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
    for (const item of state.formulas) main.appendChild(renderFormula(item, errors));
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
