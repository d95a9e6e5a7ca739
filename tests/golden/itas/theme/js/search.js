// Full-text search with Pagefind's JavaScript API and our own accessible form.
// Without JavaScript the page shows a plain hint and links to the overviews instead; the header's
// search box is a plain GET form to this page (?q=…), which runs the query from the URL.
const form = document.querySelector("[data-search]");
const hint = document.querySelector("[data-search-hint]");
const input = form && form.querySelector("input[type=search]");
const results = document.querySelector("[data-search-results]");
const status = document.querySelector("[data-search-status]");
const PAGE = 10; // hits loaded per step ("Weitere Treffer anzeigen")

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

// One hit: its type (from the page's data-search-type, e.g. "Kurs" or the network's office label),
// its title and the page's own description (a whole sentence), else Pagefind's excerpt.
function hit(item) {
  const entry = document.createElement("li");
  const meta = item.meta || {};
  if (meta.type) {
    const type = document.createElement("p");
    type.className = "search-type";
    type.textContent = meta.type;
    entry.append(type);
  }
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = item.url;
  link.textContent = meta.title || item.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  if (meta.description) excerpt.textContent = meta.description;
  else excerpt.append(...excerptNodes(item.excerpt || ""));
  entry.append(heading, excerpt);
  return entry;
}

function start() {
  form.hidden = false;
  if (hint) hint.hidden = true;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "button search-more";
  more.textContent = "Weitere Treffer anzeigen";
  more.hidden = true;
  results.after(more);
  let latest = 0;
  let pending = [];

  async function showMore(ticket) {
    const next = pending.splice(0, PAGE);
    const found = await Promise.all(next.map((r) => r.data()));
    if (ticket !== latest) return;
    const first = results.children.length;
    results.append(...found.map(hit));
    more.hidden = pending.length === 0;
    // keyboard users continue at the first new hit
    if (first && results.children[first]) results.children[first].querySelector("a").focus();
  }

  async function run(term) {
    const ticket = ++latest;
    if (!term.trim()) { results.replaceChildren(); more.hidden = true; status.textContent = ""; return; }
    const search = await (await pagefind()).search(term);
    if (ticket !== latest) return;
    results.replaceChildren();
    pending = search.results.slice();
    const count = search.results.length;
    status.textContent = `${count === 1 ? "1 Treffer" : `${count.toLocaleString("de-DE")} Treffer`} für „${term.trim()}“`;
    await showMore(ticket);
  }

  // The query lives in the URL (?q=…), so reload, back and a shared link show the same hits.
  function remember(term, push) {
    const url = new URL(location.href);
    if (term.trim()) url.searchParams.set("q", term); else url.searchParams.delete("q");
    if (url.href !== location.href) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  let timer;
  more.addEventListener("click", () => showMore(latest));
  input.addEventListener("focus", () => { pagefind(); }, { once: true });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { remember(input.value, false); run(input.value); }, 200);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); remember(input.value, true); run(input.value); });
  function fromUrl() {
    input.value = new URLSearchParams(location.search).get("q") || "";
    run(input.value);
  }
  window.addEventListener("popstate", fromUrl);
  fromUrl();
}

if (form && input && results) start();
