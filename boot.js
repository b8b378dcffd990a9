// Starts the wasm app with every byte checked against index.html (ARCHITECTURE.md, "Every byte
// pinned"): the JS by the import map, the wasm by the preload's integrity.
const root = document.documentElement;
// CSP violations, counted for the tests.
root.dataset.cspViolations = '0';
document.addEventListener('securitypolicyviolation', () => {
  root.dataset.cspViolations = String(Number(root.dataset.cspViolations) + 1);
});
// This file ran: the stylesheet keeps the "not verified" notice hidden.
root.dataset.boot = '';

const boot = document.querySelector('script[data-wasm]');
const preload = [...document.querySelectorAll('link[rel=preload]')]
  .find((link) => link.getAttribute('href') === boot.dataset.wasm);
let init;
let wasm;
try {
  ({ default: init } = await import(boot.dataset.js));
  wasm = await fetch(boot.dataset.wasm, { integrity: preload.integrity });
} catch (error) {
  // Refused by its hash, or not there: nothing runs, and the notice shows.
  root.dataset.unverified = '';
  throw error;
}
await init({ module_or_path: wasm });
// The wasm has mounted (in init, in this same task: nothing was painted in between).
handOver(document.querySelector('.first-screen'));

// index.html carries the first screen as the wasm draws it (scripts/first_screen.mjs, at build
// time), so a visitor can type into step 1 before the wasm arrives. Once it has mounted, what
// was changed there goes to the mounted fields through the events typing fires (every value
// still enters at the page's door), the static screen goes, and focus and caret stay.
function handOver(screen) {
  if (!screen) return;
  const fields = [...screen.querySelectorAll('input[id], select[id], textarea[id]')];
  const changed = fields.filter((field) => {
    if (field instanceof HTMLSelectElement) {
      return [...field.options].some((option) => option.selected !== option.defaultSelected);
    }
    if (field.type === 'checkbox' || field.type === 'radio') {
      return field.checked !== field.defaultChecked;
    }
    return field.value !== field.defaultValue;
  });
  const active = screen.contains(document.activeElement) ? document.activeElement : null;
  const caret = active && typeof active.selectionStart === 'number'
    ? [active.selectionStart, active.selectionEnd] : null;
  screen.remove();
  for (const field of changed) {
    const mounted = document.getElementById(field.id);
    if (!mounted) continue;
    if ('checked' in field && (field.type === 'checkbox' || field.type === 'radio')) {
      mounted.checked = field.checked;
    } else {
      mounted.value = field.value;
    }
    for (const name of ['input', 'change']) mounted.dispatchEvent(new Event(name, { bubbles: true }));
  }
  const focus = active && active.id && document.getElementById(active.id);
  if (focus) {
    focus.focus();
    if (caret) focus.setSelectionRange(...caret);
  }
}
