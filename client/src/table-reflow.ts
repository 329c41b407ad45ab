/**
 * On a phone, tables become cards (styles.css, `table.reflow` below 720 px): each row a card,
 * each cell shown after its column's name, which CSS reads from the cell's `data-label`. This
 * labels every table a page puts into `root`, now or later, so no page has to: a header cell
 * may name its column for the cards with its own `data-label` (when its text holds controls).
 */
export function reflowTables(root: HTMLElement): void {
  const labelAll = () => root.querySelectorAll('table').forEach(labelCells);
  new MutationObserver(labelAll).observe(root, { childList: true, subtree: true });
  labelAll();
}

function labelCells(table: HTMLTableElement): void {
  if (table.classList.contains('no-reflow')) return;
  const header = table.tHead?.rows[0];
  if (!header) return;
  const names: string[] = [];
  for (const cell of Array.from(header.cells)) {
    const name = cell.dataset.label ?? cell.textContent?.trim() ?? '';
    for (let i = 0; i < cell.colSpan; i++) names.push(name);
  }
  for (const body of Array.from(table.tBodies)) {
    for (const row of Array.from(body.rows)) {
      let column = 0;
      for (const cell of Array.from(row.cells)) {
        const name = names[column];
        if (cell instanceof HTMLTableCellElement && cell.tagName === 'TD' && name && !cell.dataset.label) {
          cell.dataset.label = name;
        }
        column += cell.colSpan;
      }
    }
  }
  table.classList.add('reflow');
}
