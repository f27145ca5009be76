// kyoyaku viewer: the only script. Every page works without it (links and forms); with it,
// the date slider shows the text in force while it is dragged, by fetching the same
// fragment a form submit would show.
/* global document, location, history, DOMParser */
"use strict";
document.documentElement.classList.add("js");

(() => {
  const slider = document.getElementById("day");
  if (!slider || !document.getElementById("reading")) return;
  const id = slider.dataset.agreement;
  const label = document.getElementById("day-label");
  const typed = document.getElementById("date");
  const DAY = 86400000;
  const isoOf = (day) => new Date(Number(day) * DAY).toISOString().slice(0, 10);
  const wareki = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  const keep = new URLSearchParams(location.search);
  let timer;
  let latest = 0;

  const show = async (iso) => {
    const mine = ++latest;
    const q = new URLSearchParams();
    q.set("date", iso);
    for (const k of ["knownAt", "drafts"]) if (keep.get(k)) q.set(k, keep.get(k));
    document.getElementById("reading").classList.add("loading");
    try {
      const res = await fetch(`/agreements/${encodeURIComponent(id)}/text?${q}`, { headers: { accept: "text/html" } });
      const body = await res.text();
      // A later move of the slider wins over an earlier answer that arrives late.
      if (mine !== latest) return;
      if (!res.ok) throw new Error(String(res.status));
      const next = new DOMParser().parseFromString(body, "text/html").getElementById("reading");
      if (next) document.getElementById("reading").replaceWith(next);
      history.replaceState(null, "", `${location.pathname}?${q}`);
    } catch {
      // On failure, fall back to the plain form submit.
      if (mine === latest) slider.form.submit();
    }
  };

  slider.addEventListener("input", () => {
    const iso = isoOf(slider.value);
    if (label) label.textContent = `${wareki.format(new Date(`${iso}T00:00:00Z`))}（${iso}）`;
    if (typed) typed.value = iso;
    clearTimeout(timer);
    timer = setTimeout(() => void show(iso), 120);
  });
})();
