// A chat composer that coaches as you type. Everything runs in the page: no server.
import { applySuggestion, createChecker } from 'peerspeak';

/** Wait this long after the last keystroke before checking (the check itself takes a few ms). */
const DEBOUNCE_MS = 60;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const textarea = /** @type {HTMLTextAreaElement} */ ($('message'));
const overlay = $('overlay');
const popover = $('popover');
const hintList = $('hints');
const hintCount = $('hint-count');
const live = $('live');
const langSelect = /** @type {HTMLSelectElement} */ ($('lang'));
const thread = $('thread');
const form = /** @type {HTMLFormElement} */ ($('composer'));

const SEVERITY = {
  error: { icon: '⛔', text: 'Error' },
  warning: { icon: '⚠', text: 'Warning' },
  info: { icon: 'ℹ', text: 'Note' },
  hint: { icon: '💡', text: 'Hint' },
};
const CATEGORY = {
  directive: 'Directive',
  diagnostic: 'Diagnostic',
  generalising: 'Generalising',
  helping: 'Helping',
  fear: 'Fear',
  judging: 'Judging',
  'role-limits': 'Role limits',
};

/** English comes with the core; the other packs load when their language is picked. */
const packs = {
  en: () => Promise.resolve(),
  sv: () => import('peerspeak/rules/sv'),
  da: () => import('peerspeak/rules/da'),
  auto: () => Promise.all([import('peerspeak/rules/sv'), import('peerspeak/rules/da')]),
};
const loaded = new Set(['en']);
async function loadLanguage(lang) {
  if (!loaded.has(lang)) {
    await packs[lang]();
    loaded.add(lang);
  }
}

/** One checker per language: each keeps a sentence cache, so typing re-checks one sentence. */
const checkers = new Map();
function checker(lang) {
  if (!checkers.has(lang)) checkers.set(lang, createChecker({ lang }));
  return checkers.get(lang);
}

const state = {
  /** The text the findings belong to. */
  text: '',
  /** @type {import('peerspeak').Finding[]} */
  findings: [],
  cardsKey: '',
  announced: '',
  /** Index of the finding shown in the popover, or -1. */
  shown: -1,
  hovering: false,
  timer: 0,
  inputAt: 0,
};

/** Timings for tests and the curious: input event → DOM updated, and the check alone (ms). */
const stats = (window.peerspeakComposerStats = []);

// ---------------------------------------------------------------- checking

function context() {
  const incoming = thread.querySelectorAll('.msg--in');
  return incoming.length ? incoming[incoming.length - 1].textContent ?? '' : '';
}

function runCheck() {
  clearTimeout(state.timer);
  if (!loaded.has(langSelect.value)) return; // checked once the pack has loaded
  const text = textarea.value;
  const t0 = performance.now();
  const { findings } = checker(langSelect.value).check(text, { context: context() });
  const checkMs = performance.now() - t0;
  state.text = text;
  state.findings = findings;
  render();
  if (state.inputAt) {
    stats.push({ total: performance.now() - state.inputAt, check: checkMs });
    state.inputAt = 0;
  }
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(runCheck, DEBOUNCE_MS);
}

// ---------------------------------------------------------------- rendering

function render() {
  renderOverlay();
  const key = JSON.stringify(state.findings.map((f) => [f.ruleId, f.text, f.suggestions.map((s) => s.text)]));
  if (key !== state.cardsKey) {
    state.cardsKey = key;
    hintList.replaceChildren(...state.findings.map((f, i) => card(f, i, 'li')));
    const n = state.findings.length;
    hintCount.textContent = n ? `⚠ ${n} ${n === 1 ? 'hint' : 'hints'}` : 'No hints';
    announce(n ? `${n} ${n === 1 ? 'hint' : 'hints'}: ${state.findings.map((f) => f.message).join(' ')}` : state.announced ? 'No hints.' : '');
  }
  syncPopover();
}

/** Mirror the text behind the textarea, with each finding's range in a <mark>. */
function renderOverlay(text = state.text, findings = state.findings) {
  const parts = [];
  let pos = 0;
  findings.forEach((f, i) => {
    const [a, b] = f.range;
    if (a < pos || b <= a) return; // overlaps the previous one (its underline is enough), or waits for the check
    parts.push(text.slice(pos, a));
    const mark = document.createElement('mark');
    mark.className = `hint hint--${f.severity}`;
    mark.dataset.index = String(i);
    mark.textContent = text.slice(a, b);
    parts.push(mark);
    pos = b;
  });
  // A trailing space keeps a final empty line as tall as in the textarea.
  parts.push(`${text.slice(pos)} `);
  overlay.replaceChildren(...parts);
  overlay.scrollTop = textarea.scrollTop;
}

/** A hint: what was noticed, why, and the rewrites as buttons. */
function card(f, index, tag) {
  const el = document.createElement(tag);
  el.className = `card card--${f.severity}`;
  el.dataset.index = String(index);
  const sev = SEVERITY[f.severity] ?? SEVERITY.info;
  const head = document.createElement('p');
  head.className = 'card__head';
  head.innerHTML = `<span class="card__icon" aria-hidden="true"></span> <span class="card__kind"></span> <q class="card__quote"></q>`;
  head.querySelector('.card__icon').textContent = sev.icon;
  head.querySelector('.card__kind').textContent = `${sev.text} · ${CATEGORY[f.category] ?? f.category}:`;
  head.querySelector('.card__quote').textContent = f.text;
  const message = document.createElement('p');
  message.className = 'card__message';
  message.textContent = f.message;
  el.append(head, message);
  if (f.note) {
    const note = document.createElement('p');
    note.className = 'card__note';
    note.textContent = f.note;
    el.append(note);
  }
  if (f.suggestions.length) {
    const group = document.createElement('div');
    group.className = 'card__suggestions';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Suggestions');
    f.suggestions.forEach((s, j) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'suggestion';
      button.dataset.finding = String(index);
      button.dataset.suggestion = String(j);
      const label = document.createElement('span');
      label.className = 'suggestion__label';
      label.textContent = s.label;
      const text = document.createElement('span');
      text.className = 'suggestion__text';
      text.textContent = s.text || '(remove)';
      button.append(label, text);
      group.append(button);
    });
    el.append(group);
  }
  return el;
}

function announce(message) {
  if (message === state.announced) return;
  state.announced = message;
  live.textContent = message;
}

// ---------------------------------------------------------------- popover: hover or caret

function markFor(index) {
  return overlay.querySelector(`mark[data-index="${index}"]`);
}

/** The finding under the caret while the textarea has focus, or -1. */
function findingAtCaret() {
  if (document.activeElement !== textarea || textarea.value !== state.text) return -1;
  const at = textarea.selectionStart;
  return state.findings.findIndex((f) => f.range[0] <= at && at <= f.range[1]);
}

function showPopover(index) {
  const mark = markFor(index);
  if (!mark) return hidePopover();
  if (state.shown !== index || popover.hidden) {
    popover.replaceChildren(card(state.findings[index], index, 'div'));
    popover.setAttribute('aria-label', 'Hint');
    state.shown = index;
    popover.hidden = false;
  }
  for (const m of overlay.querySelectorAll('mark.is-active')) m.classList.remove('is-active');
  mark.classList.add('is-active');
  // Below the underline's last line, kept inside the field horizontally.
  const field = popover.parentElement.getBoundingClientRect();
  const rects = mark.getClientRects();
  const last = rects[rects.length - 1] ?? mark.getBoundingClientRect();
  const left = Math.max(0, Math.min(last.left - field.left, field.width - popover.offsetWidth));
  popover.style.left = `${left}px`;
  popover.style.top = `${last.bottom - field.top + 6}px`;
}

function hidePopover() {
  if (popover.contains(document.activeElement)) return;
  popover.hidden = true;
  state.shown = -1;
  for (const m of overlay.querySelectorAll('mark.is-active')) m.classList.remove('is-active');
}

function syncPopover() {
  if (popover.contains(document.activeElement)) return;
  const at = state.hovering ? state.shown : findingAtCaret();
  if (at >= 0 && at < state.findings.length) showPopover(at);
  else hidePopover();
}

let hideTimer = 0;
/** Hover: the textarea sits on top of the marks, so hit-test their boxes. */
textarea.addEventListener('mousemove', (e) => {
  for (const mark of overlay.querySelectorAll('mark')) {
    for (const r of mark.getClientRects()) {
      if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) {
        clearTimeout(hideTimer);
        state.hovering = true;
        showPopover(Number(mark.dataset.index));
        return;
      }
    }
  }
  leaveSoon();
});
textarea.addEventListener('mouseleave', leaveSoon);
popover.addEventListener('mouseenter', () => clearTimeout(hideTimer));
popover.addEventListener('mouseleave', leaveSoon);
function leaveSoon() {
  if (!state.hovering) return;
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    state.hovering = false;
    syncPopover();
  }, 250);
}

// Caret moves: show the hint under it, and say so to screen readers.
let lastCaretHint = -1;
function caretMoved() {
  if (state.hovering) return;
  const at = findingAtCaret();
  if (at >= 0 && at !== lastCaretHint) announce(`${state.findings[at].message} Press Tab for suggestions.`);
  lastCaretHint = at;
  syncPopover();
}
document.addEventListener('selectionchange', () => {
  if (document.activeElement === textarea) caretMoved();
});
textarea.addEventListener('focus', caretMoved);
textarea.addEventListener('blur', (e) => {
  if (!popover.contains(/** @type {Node} */ (e.relatedTarget))) setTimeout(syncPopover);
});
popover.addEventListener('focusout', (e) => {
  if (!popover.contains(/** @type {Node} */ (e.relatedTarget))) setTimeout(syncPopover);
});
popover.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') {
    textarea.focus();
    hidePopover();
  }
});

// ---------------------------------------------------------------- applying a suggestion

function apply(findingIndex, suggestionIndex) {
  if (textarea.value !== state.text) {
    // Typed since the last check: check again instead of applying a stale range.
    runCheck();
    return;
  }
  const suggestion = state.findings[findingIndex]?.suggestions[suggestionIndex];
  if (!suggestion) return;
  const next = applySuggestion(state.text, suggestion);
  const [start, end] = suggestion.range;
  textarea.focus();
  // Replace through the editing commands where possible, so Ctrl+Z undoes it.
  textarea.setSelectionRange(start, end);
  const viaCommand = document.execCommand?.('insertText', false, suggestion.text);
  if (!viaCommand || textarea.value !== next) textarea.value = next;
  const caret = start + suggestion.text.length;
  textarea.setSelectionRange(caret, caret);
  state.hovering = false;
  popover.hidden = true;
  state.shown = -1;
  state.inputAt = 0;
  runCheck();
  announce(`Replaced with: ${suggestion.text} ${state.findings.length ? '' : 'No hints.'}`.trim());
}

for (const container of [hintList, popover]) {
  container.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button.suggestion');
    if (button) apply(Number(button.dataset.finding), Number(button.dataset.suggestion));
  });
}

// Hovering or focusing a card highlights its underline.
for (const type of ['mouseover', 'focusin']) {
  hintList.addEventListener(type, (e) => {
    const el = /** @type {HTMLElement} */ (e.target).closest('.card');
    for (const m of overlay.querySelectorAll('mark.is-active')) m.classList.remove('is-active');
    if (el) markFor(el.dataset.index)?.classList.add('is-active');
  });
}

// ---------------------------------------------------------------- wiring

/**
 * Until the next check, keep the overlay in step with the text: underlines before the edit
 * stay, those after it move with the text, and one the edit touches waits for the check.
 */
function shifted(before, after, findings) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  const oldEnd = before.length - end;
  const delta = after.length - before.length;
  return findings.map((f) => {
    if (f.range[1] <= start) return f;
    if (f.range[0] >= oldEnd) return { ...f, range: [f.range[0] + delta, f.range[1] + delta] };
    return { ...f, range: [f.range[0], f.range[0]] };
  });
}

textarea.addEventListener('input', () => {
  state.inputAt = performance.now();
  renderOverlay(textarea.value, shifted(state.text, textarea.value, state.findings));
  scheduleCheck();
});
textarea.addEventListener('scroll', () => {
  overlay.scrollTop = textarea.scrollTop;
  if (!popover.hidden && state.shown >= 0) showPopover(state.shown);
});

langSelect.addEventListener('change', async () => {
  const lang = langSelect.value;
  textarea.lang = lang === 'auto' ? '' : lang;
  composerReady(false);
  await loadLanguage(lang);
  if (langSelect.value === lang) {
    runCheck();
    composerReady(true);
  }
});

/** `data-ready` on the form: the selected language's pack is loaded (tests wait for it). */
function composerReady(ready) {
  form.dataset.ready = String(ready);
}
composerReady(true);

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = textarea.value.trim();
  if (!text) return;
  const li = document.createElement('li');
  li.className = 'msg msg--out';
  li.textContent = text;
  thread.append(li);
  textarea.value = '';
  runCheck();
  textarea.focus();
});
textarea.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
});

runCheck();
