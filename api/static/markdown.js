// Render section Markdown as DOM nodes. Every piece of text goes through textContent, so brief text is never markup.
"use strict";

const Markdown = (() => {
  function inline(parent, text) {
    // **bold** and *italic*; everything else is plain text
    const parts = text.split(/(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g);
    for (const part of parts) {
      if (!part) continue;
      if (part.startsWith("**") && part.endsWith("**") && part.length > 4) {
        const strong = document.createElement("strong");
        strong.textContent = part.slice(2, -2);
        parent.appendChild(strong);
      } else if (part.startsWith("*") && part.endsWith("*") && part.length > 2) {
        const em = document.createElement("em");
        em.textContent = part.slice(1, -1);
        parent.appendChild(em);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
    }
  }

  function cells(line) {
    return line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
  }

  function table(lines) {
    const el = document.createElement("table");
    const rows = lines.filter((l) => !/^\s*\|?\s*:?-{2,}/.test(l));
    rows.forEach((line, index) => {
      const tr = document.createElement("tr");
      for (const cell of cells(line)) {
        const td = document.createElement(index === 0 ? "th" : "td");
        inline(td, cell);
        tr.appendChild(td);
      }
      el.appendChild(tr);
    });
    return el;
  }

  function render(markdown) {
    const root = document.createDocumentFragment();
    const lines = String(markdown || "").split(/\r?\n/);
    let list = null;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      const bullet = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
      if (/^\s*\|/.test(line)) {
        const block = [];
        while (i < lines.length && /^\s*\|/.test(lines[i])) block.push(lines[i++]);
        root.appendChild(table(block));
        list = null;
        continue;
      }
      if (heading) {
        const h = document.createElement("h" + Math.min(6, heading[1].length + 2));
        inline(h, heading[2]);
        root.appendChild(h);
        list = null;
      } else if (bullet) {
        if (!list) {
          list = document.createElement("ul");
          root.appendChild(list);
        }
        const li = document.createElement("li");
        inline(li, bullet[1]);
        list.appendChild(li);
      } else if (line.trim()) {
        const p = document.createElement("p");
        inline(p, line);
        root.appendChild(p);
        list = null;
      } else {
        list = null;
      }
      i += 1;
    }
    return root;
  }

  return { render };
})();
