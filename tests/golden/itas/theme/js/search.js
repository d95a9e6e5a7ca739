// Full-text search with Pagefind's JavaScript API and our own accessible form.
// Without JavaScript the page shows a plain hint and links to the overviews instead.
const form = document.querySelector("[data-search]");
const hint = document.querySelector("[data-search-hint]");
const input = form && form.querySelector("input[type=search]");
const results = document.querySelector("[data-search-results]");
const status = document.querySelector("[data-search-status]");

// Only text and Pagefind's <mark> highlights are taken over from an excerpt.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
  const out = [];
  parsed.childNodes.forEach((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.push(mark);
    } else {
      out.push(document.createTextNode(node.textContent));
    }
  });
  return out;
}

// The index (a WebAssembly module and index chunks) loads on first use, not with the page.
// A large site's index comes in parts (pagefind/teile.json lists all but the first); Pagefind
// searches them together.
let loading;
function pagefind() {
  const bundle = `${form.dataset.search}pagefind/`;
  loading = loading || import(`${bundle}pagefind.js`).then(async (module) => {
    const response = await fetch(`${bundle}teile.json`);
    const parts = response.ok ? await response.json() : [];
    for (const part of parts) await module.mergeIndex(`${bundle}${part}`);
    await module.init();
    return module;
  });
  return loading;
}

function start() {
  form.hidden = false;
  if (hint) hint.hidden = true;
  let latest = 0;

  async function run(term) {
    const ticket = ++latest;
    results.replaceChildren();
    if (!term.trim()) { status.textContent = ""; return; }
    const search = await (await pagefind()).search(term);
    const found = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    if (ticket !== latest) return;
    status.textContent = found.length === 1 ? "1 Treffer" : `${found.length} Treffer`;
    for (const item of found) {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = item.url;
      link.textContent = (item.meta && item.meta.title) || item.url;
      const heading = document.createElement("h2");
      heading.append(link);
      const excerpt = document.createElement("p");
      excerpt.append(...excerptNodes(item.excerpt || ""));
      entry.append(heading, excerpt);
      results.append(entry);
    }
  }

  let timer;
  input.addEventListener("focus", () => { pagefind(); }, { once: true });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => run(input.value), 200); });
  form.addEventListener("submit", (event) => { event.preventDefault(); run(input.value); });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
}

if (form && input && results) start();
