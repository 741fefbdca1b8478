// As-you-type suggestions on the search page, from the search API (the form works without it).
(function () {
  const input = document.getElementById("search-q");
  if (!input || !window.fetch) return;
  const list = input.form.querySelector(".suggestions");
  let timer = null;
  let controller = null;

  function clear() { list.hidden = true; list.replaceChildren(); }

  async function suggest() {
    const text = input.value.trim();
    if (text.length < 2) { clear(); return; }
    if (controller) controller.abort();
    controller = new AbortController();
    const url = input.dataset.suggestUrl + "?" + new URLSearchParams({ q: text, as_you_type: "1", page_size: "6" });
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) { clear(); return; }
      const data = await response.json();
      list.replaceChildren(...data.results.map(function (hit) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = hit.url || "?q=" + encodeURIComponent(hit.reference || hit.title);
        link.textContent = [hit.reference, hit.title].filter(Boolean).join(" – ");
        item.append(link);
        return item;
      }));
      list.hidden = data.results.length === 0;
    } catch (error) {
      if (error.name !== "AbortError") clear();
    }
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") clear(); });
  document.addEventListener("click", function (event) { if (!input.form.contains(event.target)) clear(); });
})();
