/**
 * Page-wide accessibility repairs of third-party markup. Ant Design's tables copy each column title (for a selection
 * column: a focusable check box) into an aria-hidden "measure row"; keyboard focus could land in that invisible copy
 * (axe: aria-hidden-focus). Such rows are made inert as soon as they appear.
 */
const SELECTOR = '.ant-table-measure-row:not([inert])';

function repair(root: ParentNode) {
  for (const row of root.querySelectorAll(SELECTOR)) row.setAttribute('inert', '');
}

export function installA11yFixes(): void {
  if (typeof MutationObserver === 'undefined') return;
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      repair(document);
    });
  });
  observer.observe(document.body, { childList: true, subtree: true });
  repair(document);
}
