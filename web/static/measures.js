// Staff catalogue: select measures, print a handout of the selection, export it as CSV.
(() => {
  "use strict";
  const picks = () => Array.from(document.querySelectorAll(".pick"));
  const selected = () => picks().filter((box) => box.checked);
  const selectAll = document.getElementById("select-all");
  selectAll.addEventListener("change", () => {
    for (const box of picks()) box.checked = selectAll.checked;
  });
  document.getElementById("print-selected").addEventListener("click", () => {
    const chosen = new Set(selected().map((box) => box.value));
    for (const card of document.querySelectorAll(".measure-card")) {
      card.classList.toggle("unselected", chosen.size > 0 && !chosen.has(card.dataset.id));
    }
    window.print();
  });
  document.getElementById("export-csv").addEventListener("click", () => {
    const ids = (selected().length ? selected() : picks()).map((box) => box.value);
    window.location.href = `/measures.csv?ids=${encodeURIComponent(ids.join(","))}`;
  });
  window.addEventListener("afterprint", () => {
    for (const card of document.querySelectorAll(".measure-card.unselected")) card.classList.remove("unselected");
  });
})();
