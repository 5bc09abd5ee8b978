// The card Element's frame (spec 11.4): the only document that holds the card number, expiry and CVC. It runs on
// the sandbox's origin, talks to the merchant page only through postMessage to the one origin named in its URL
// fragment (cross-checked with the browser's own ancestor list), and sends card data nowhere but this origin's
// POST /v1/tokens. The page receives change metadata (empty, complete, brand, error, postal code) and the token.

const NONCE_PATTERN = /^[0-9a-f]{32}$/;
const TOKEN_TIMEOUT_MS = 60000;

const params = new URLSearchParams(window.location.hash.slice(1));
const NONCE = params.get('nonce') || '';
const PARENT_ORIGIN = params.get('origin') || '';

// ---- card rules (brand table as in spec 3.3 and the sandbox's Brand enum) -----------------------------------

const BRANDS = {
  visa: { label: 'Visa', lengths: [13, 16, 19], cvc: 3 },
  mastercard: { label: 'Mastercard', lengths: [16], cvc: 3 },
  amex: { label: 'American Express', lengths: [15], cvc: 4 },
  discover: { label: 'Discover', lengths: [16, 17, 18, 19], cvc: 3 },
  jcb: { label: 'JCB', lengths: [16, 17, 18, 19], cvc: 3 },
  diners: { label: 'Diners Club', lengths: [14, 15, 16, 17, 18, 19], cvc: 3 },
  unionpay: { label: 'UnionPay', lengths: [16, 17, 18, 19], cvc: 3 },
  unknown: { label: '', lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvc: 0 }
};

// the messages Stripe.js puts in the change event (spec 11.2)
const ERRORS = {
  incomplete_number: 'Your card number is incomplete.',
  invalid_number: 'Your card number is invalid.',
  incomplete_expiry: "Your card's expiration date is incomplete.",
  invalid_expiry_month: "Your card's expiration month is invalid.",
  invalid_expiry_month_past: "Your card's expiration date is in the past.",
  invalid_expiry_year_past: "Your card's expiration year is in the past.",
  invalid_expiry_year: "Your card's expiration year is invalid.",
  incomplete_cvc: "Your card's security code is incomplete.",
  incomplete_zip: 'Your postal code is incomplete.'
};

function brandOf(digits) {
  const n = (k) => (digits.length >= k ? Number(digits.slice(0, k)) : -1);
  if (digits.startsWith('4')) return 'visa';
  if ((n(2) >= 51 && n(2) <= 55) || (n(4) >= 2221 && n(4) <= 2720)) return 'mastercard';
  if (n(2) === 34 || n(2) === 37) return 'amex';
  if (n(4) === 6011 || (n(3) >= 644 && n(3) <= 649) || n(2) === 65) return 'discover';
  if (n(4) >= 3528 && n(4) <= 3589) return 'jcb';
  if ((n(3) >= 300 && n(3) <= 305) || n(2) === 36 || n(2) === 38 || n(2) === 39) return 'diners';
  if (n(2) === 62) return 'unionpay';
  return 'unknown';
}

/** The length at which a number of this brand is usually finished: checked (and the cursor moved on) there. */
function typicalLength(brand, digits) {
  if (brand === 'amex') return 15;
  if (brand === 'diners') return digits.startsWith('36') ? 14 : 16;
  return 16;
}

function maxLength(brand) {
  const l = BRANDS[brand].lengths;
  return l[l.length - 1];
}

/** Where the spaces go: 4-6-5 for Amex, 4-6-4 for 14-digit Diners, groups of four otherwise. */
function groups(brand, length) {
  if (brand === 'amex') return [4, 6, 5];
  if (brand === 'diners' && length <= 14) return [4, 6, 4];
  return [4, 4, 4, 4, 3];
}

function formatNumber(digits, brand) {
  const out = [];
  let i = 0;
  for (const g of groups(brand, digits.length)) {
    if (i >= digits.length) break;
    out.push(digits.slice(i, i + g));
    i += g;
  }
  return out.join(' ');
}

function luhn(digits) {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

function cvcLength(brand) {
  return BRANDS[brand].cvc; // 0: unknown network, 3 or 4 digits
}

// ---- state ---------------------------------------------------------------------------------------------

const state = {
  key: null,
  options: {},
  brand: 'unknown',
  // a field's "incomplete" error shows once the buyer has left it or tried to pay; "invalid" ones show at once
  touched: { number: false, expiry: false, cvc: false, postal: false },
  submitted: false,
  focused: false
};

const ui = {};

// ---- messaging -----------------------------------------------------------------------------------------

function post(type, payload) {
  window.parent.postMessage(Object.assign({ stripeSandbox: 1, nonce: NONCE, type }, payload || {}), PARENT_ORIGIN);
}

function trustedParent() {
  if (!NONCE_PATTERN.test(NONCE) || window.parent === window) return false;
  let origin;
  try {
    origin = new URL(PARENT_ORIGIN).origin;
  } catch (e) {
    return false;
  }
  if (origin !== PARENT_ORIGIN) return false;
  // where the browser lists our ancestors, the claimed origin must be the real one
  const ancestors = window.location.ancestorOrigins;
  return !ancestors || ancestors.length === 0 || ancestors[0] === PARENT_ORIGIN;
}

function onMessage(event) {
  if (event.origin !== PARENT_ORIGIN || event.source !== window.parent) return;
  const m = event.data;
  if (!m || typeof m !== 'object' || m.stripeSandbox !== 1 || m.nonce !== NONCE) return;
  switch (m.type) {
    case 'init':
      if (state.key === null && typeof m.key === 'string' && m.key.startsWith('pk_')) {
        state.key = m.key;
        state.options = m.options || {};
        build();
        post('ready');
      }
      break;
    case 'update':
      if (state.key !== null) {
        state.options = Object.assign({}, state.options, m.options || {});
        applyOptions(false);
        emitChange();
      }
      break;
    case 'clear':
      if (state.key !== null) clear();
      break;
    case 'focus':
      if (state.key !== null) ui.number.focus();
      break;
    case 'blur':
      if (state.key !== null && document.activeElement) document.activeElement.blur();
      break;
    case 'createToken':
      if (state.key !== null && typeof m.requestId === 'string') {
        tokenize(m.requestId, m.data || {});
      }
      break;
    default:
      break;
  }
}

// ---- the fields ----------------------------------------------------------------------------------------

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function field(name, id, label, attrs) {
  const wrap = el('div', { class: 'Field Field--' + name });
  wrap.appendChild(el('label', { for: id, class: 'u-visually-hidden' }, label));
  const input = el('input', Object.assign({
    id,
    name: id,
    type: 'text',
    inputmode: 'numeric',
    autocorrect: 'off',
    spellcheck: 'false',
    'aria-invalid': 'false',
    'aria-describedby': 'card-error'
  }, attrs));
  wrap.appendChild(input);
  return { wrap, input };
}

function build() {
  const root = el('div', { class: 'CardField', role: 'group', 'aria-label': 'Credit or debit card' });
  ui.root = root;
  ui.icon = buildIcon();
  root.appendChild(ui.icon);

  const number = field('number', 'cardnumber', 'Card number', {
    autocomplete: 'cc-number', placeholder: 'Card number', 'aria-describedby': 'card-brand card-error'
  });
  const expiry = field('expiry', 'exp-date', 'Expiration date, month and year (MM / YY)', {
    autocomplete: 'cc-exp', placeholder: 'MM / YY'
  });
  const cvc = field('cvc', 'cvc', 'Security code (CVC)', { autocomplete: 'cc-csc', placeholder: 'CVC' });
  const postal = field('postal', 'postal', 'ZIP or postal code', {
    autocomplete: 'postal-code', placeholder: 'ZIP', inputmode: 'text', maxlength: '10'
  });
  ui.number = number.input;
  ui.expiry = expiry.input;
  ui.cvc = cvc.input;
  ui.postal = postal.input;
  ui.postalWrap = postal.wrap;
  for (const f of [number, expiry, cvc, postal]) root.appendChild(f.wrap);

  // what a screen reader hears about the number field: the detected brand and the current error
  ui.brandText = el('span', { id: 'card-brand', class: 'u-visually-hidden' });
  ui.errorText = el('span', { id: 'card-error', class: 'u-visually-hidden', 'aria-live': 'polite' });
  root.appendChild(ui.brandText);
  root.appendChild(ui.errorText);
  document.body.appendChild(root);

  ui.number.addEventListener('input', (e) => onNumberInput(e));
  ui.expiry.addEventListener('input', (e) => onExpiryInput(e));
  ui.cvc.addEventListener('input', () => onCvcInput());
  ui.postal.addEventListener('input', () => onPostalInput());
  for (const name of ['number', 'expiry', 'cvc', 'postal']) {
    ui[name].addEventListener('blur', () => {
      if (ui[name].value !== '') state.touched[name] = true;
      emitChange();
    });
    // an empty field gives the Backspace key to the field before it, as Stripe's element does
    ui[name].addEventListener('keydown', (e) => onKeyDown(name, e));
  }
  root.addEventListener('focusin', () => {
    if (!state.focused) {
      state.focused = true;
      post('focus');
    }
  });
  root.addEventListener('focusout', (e) => {
    if (!e.relatedTarget || !root.contains(e.relatedTarget)) {
      state.focused = false;
      post('blur');
    }
  });
  root.addEventListener('animationstart', (e) => {
    if (e.animationName === 'autofill-start') post('autofill', { on: true });
    if (e.animationName === 'autofill-cancel') post('autofill', { on: false });
  });

  applyOptions(true);
  new ResizeObserver(() => post('resize', { height: document.documentElement.getBoundingClientRect().height }))
    .observe(document.documentElement);
  paintBrand();
}

const ORDER = ['number', 'expiry', 'cvc', 'postal'];

function onKeyDown(name, e) {
  if (e.key === 'Escape') {
    post('escape');
    return;
  }
  if (e.key === 'Backspace' && ui[name].value === '' && name !== 'number') {
    const prev = ui[ORDER[ORDER.indexOf(name) - 1]];
    e.preventDefault();
    prev.focus();
    prev.setSelectionRange(prev.value.length, prev.value.length);
  }
}

function advance(from) {
  const next = ORDER[ORDER.indexOf(from) + 1];
  if (!next || (next === 'postal' && state.options.hidePostalCode)) return;
  const input = ui[from];
  // only when typing at the end: editing the middle of a field must not throw the cursor elsewhere
  if (document.activeElement === input && input.selectionStart === input.value.length) {
    ui[next].focus();
  }
}

/** Rewrites a field's value and keeps the cursor after the same number of digits it was after before. */
function rewrite(input, formatted) {
  const caret = input.selectionStart === null ? input.value.length : input.selectionStart;
  const digitsBefore = input.value.slice(0, caret).replace(/\D/g, '').length;
  const atEnd = caret === input.value.length;
  input.value = formatted;
  let pos = formatted.length;
  if (!atEnd) {
    let seen = 0;
    pos = 0;
    while (pos < formatted.length && seen < digitsBefore) {
      if (/\d/.test(formatted[pos])) seen++;
      pos++;
    }
  }
  if (document.activeElement === input) input.setSelectionRange(pos, pos);
}

function onNumberInput() {
  let digits = ui.number.value.replace(/\D/g, '');
  const brand = brandOf(digits);
  digits = digits.slice(0, maxLength(brand));
  rewrite(ui.number, formatNumber(digits, brand));
  state.brand = brand;
  paintBrand();
  // a CVC typed before the brand was known may now be too long (an Amex CVC on a Visa number)
  const max = cvcLength(brand) || 4;
  if (ui.cvc.value.length > max) ui.cvc.value = ui.cvc.value.slice(0, max);
  const n = checkNumber();
  emitChange();
  if (n.complete && digits.length >= typicalLength(brand, digits)) advance('number');
}

function onExpiryInput(e) {
  const deleting = e.inputType && e.inputType.startsWith('delete');
  let raw = ui.expiry.value;
  let d = raw.replace(/\D/g, '');
  // "4" means April and "1/" means January: pad the month so the buyer can go on with the year
  if (d.length === 1 && (d > '1' || /^\d\s*\//.test(raw))) d = '0' + d;
  // "13" cannot be a month: read it as 01 / 3
  if (d.length >= 2 && d[0] === '1' && d[1] > '2' && !deleting) d = '0' + d;
  d = d.slice(0, 4);
  let formatted = d;
  if (d.length > 2) formatted = d.slice(0, 2) + ' / ' + d.slice(2);
  else if (d.length === 2 && !deleting) formatted = d + ' / ';
  rewrite(ui.expiry, formatted);
  const x = checkExpiry();
  emitChange();
  if (x.complete) advance('expiry');
}

function onCvcInput() {
  const max = cvcLength(state.brand) || 4;
  const digits = ui.cvc.value.replace(/\D/g, '').slice(0, max);
  rewrite(ui.cvc, digits);
  emitChange();
  if (cvcLength(state.brand) && digits.length === max) advance('cvc');
}

function onPostalInput() {
  const v = ui.postal.value.replace(/[^0-9A-Za-z -]/g, '').toUpperCase().slice(0, 10);
  if (v !== ui.postal.value) rewrite(ui.postal, v);
  emitChange();
}

// ---- validation (each returns {complete, error}; error = code or null) ---------------------------------------

function checkNumber() {
  const digits = ui.number.value.replace(/\D/g, '');
  const brand = brandOf(digits);
  const spec = BRANDS[brand];
  if (digits.length === 0) return { empty: true, complete: false, error: null, incomplete: 'incomplete_number' };
  const validLength = spec.lengths.includes(digits.length);
  const ok = validLength && luhn(digits);
  if (ok) return { complete: true, error: null };
  // wrong at the usual length or at the longest: say so now, not only when the buyer leaves the field
  if (digits.length === maxLength(brand) || (validLength && digits.length >= typicalLength(brand, digits))) {
    return { complete: false, error: 'invalid_number' };
  }
  if (validLength) return { complete: false, error: null, incomplete: 'invalid_number' };
  return { complete: false, error: null, incomplete: 'incomplete_number' };
}

function checkExpiry() {
  const d = ui.expiry.value.replace(/\D/g, '');
  if (d.length === 0) return { empty: true, complete: false, error: null, incomplete: 'incomplete_expiry' };
  if (d.length >= 2) {
    const month = Number(d.slice(0, 2));
    if (month < 1 || month > 12) return { complete: false, error: 'invalid_expiry_month' };
  }
  if (d.length < 4) return { complete: false, error: null, incomplete: 'incomplete_expiry' };
  const month = Number(d.slice(0, 2));
  const year = 2000 + Number(d.slice(2, 4));
  const now = new Date();
  const thisYear = now.getFullYear();
  if (year < thisYear) return { complete: false, error: 'invalid_expiry_year_past' };
  if (year === thisYear && month < now.getMonth() + 1) return { complete: false, error: 'invalid_expiry_month_past' };
  if (year > thisYear + 50) return { complete: false, error: 'invalid_expiry_year' };
  return { complete: true, error: null, month, year };
}

function checkCvc() {
  const v = ui.cvc.value;
  if (v.length === 0) return { empty: true, complete: false, error: null, incomplete: 'incomplete_cvc' };
  const need = cvcLength(state.brand);
  const complete = need ? v.length === need : v.length >= 3;
  return complete ? { complete: true, error: null } : { complete: false, error: null, incomplete: 'incomplete_cvc' };
}

function checkPostal() {
  if (state.options.hidePostalCode) return { complete: true, error: null, hidden: true };
  const v = ui.postal.value.trim();
  if (v.length === 0) return { empty: true, complete: false, error: null, incomplete: 'incomplete_zip' };
  // postal codes run from 3 characters (Iceland) to 10; fewer cannot be one
  return v.length >= 3 ? { complete: true, error: null }
    : { complete: false, error: null, incomplete: 'incomplete_zip' };
}

/** Each field's result with its visible error: invalid at once, incomplete once touched or after a pay attempt. */
function evaluate() {
  const results = { number: checkNumber(), expiry: checkExpiry(), cvc: checkCvc(), postal: checkPostal() };
  for (const name of ORDER) {
    const r = results[name];
    const show = state.submitted || (state.touched[name] && !r.empty);
    r.shown = r.error || (show && r.incomplete ? r.incomplete : null);
  }
  return results;
}

function emitChange() {
  const r = evaluate();
  let error = null;
  for (const name of ORDER) {
    const input = ui[name];
    input.setAttribute('aria-invalid', r[name].shown ? 'true' : 'false');
    input.classList.toggle('is-invalid', !!r[name].shown);
    if (!error && r[name].shown) error = r[name].shown;
  }
  const empty = ORDER.every((name) => r[name].empty || r[name].hidden);
  const complete = ORDER.every((name) => r[name].complete);
  ui.root.classList.toggle('is-empty', empty);
  ui.root.classList.toggle('is-complete', complete);
  ui.icon.classList.toggle('is-invalid', !!r.number.shown);
  ui.errorText.textContent = error ? ERRORS[error] : '';
  const payload = {
    empty,
    complete,
    brand: state.brand,
    postalCode: state.options.hidePostalCode ? '' : ui.postal.value.trim(),
    error: error ? { code: error, message: ERRORS[error] } : null
  };
  // every keystroke is a change for the merchant, even when the payload looks the same (as with Stripe.js)
  post('change', payload);
  return { results: r, complete, error };
}

function clear() {
  for (const name of ORDER) ui[name].value = '';
  if (state.options.value && typeof state.options.value.postalCode === 'string' && !state.options.hidePostalCode) {
    ui.postal.value = state.options.value.postalCode;
  }
  state.touched = { number: false, expiry: false, cvc: false, postal: false };
  state.submitted = false;
  state.brand = 'unknown';
  paintBrand();
  emitChange();
}

// ---- brand icon ----------------------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';
const BADGES = {
  visa: { fill: '#1a1f71', text: 'VISA', color: '#fff' },
  mastercard: { fill: '#252525', text: '', color: '#fff' },
  amex: { fill: '#2e77bb', text: 'AMEX', color: '#fff' },
  discover: { fill: '#fff', text: 'DISC', color: '#e8601c' },
  jcb: { fill: '#0b7a3e', text: 'JCB', color: '#fff' },
  diners: { fill: '#0069aa', text: 'DC', color: '#fff' },
  unionpay: { fill: '#d0202e', text: 'UP', color: '#fff' }
};

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function buildIcon() {
  const wrap = el('span', { class: 'CardBrand', 'aria-hidden': 'true' });
  return wrap;
}

function paintBrand() {
  const wrap = ui.icon;
  wrap.replaceChildren();
  const icon = svg('svg', { viewBox: '0 0 32 20', width: 32, height: 20, focusable: 'false' });
  const badge = BADGES[state.brand];
  if (!badge) {
    // the generic card: an outline with a magnetic stripe, in the icon colour
    icon.appendChild(svg('rect', { x: 1, y: 1, width: 30, height: 18, rx: 3, class: 'CardBrand-outline' }));
    icon.appendChild(svg('rect', { x: 1, y: 5, width: 30, height: 3, class: 'CardBrand-stripe' }));
  } else {
    icon.appendChild(svg('rect', { x: 0.5, y: 0.5, width: 31, height: 19, rx: 3, fill: badge.fill,
      stroke: '#d6d9de' }));
    if (state.brand === 'mastercard') {
      icon.appendChild(svg('circle', { cx: 12.5, cy: 10, r: 6, fill: '#eb001b' }));
      icon.appendChild(svg('circle', { cx: 19.5, cy: 10, r: 6, fill: '#f79e1b', 'fill-opacity': 0.85 }));
    } else {
      const t = svg('text', { x: 16, y: 13.5, 'text-anchor': 'middle', 'font-size': badge.text.length > 3 ? 7.5 : 8,
        'font-weight': 700, 'font-family': 'Arial, Helvetica, sans-serif', fill: badge.color });
      t.textContent = badge.text;
      icon.appendChild(t);
    }
  }
  wrap.appendChild(icon);
  wrap.dataset.brand = state.brand;
  wrap.hidden = !!state.options.hideIcon;
  ui.brandText.textContent = BRANDS[state.brand].label ? 'Card brand: ' + BRANDS[state.brand].label : '';
}

// ---- options: style whitelisted property by property (spec 11.4 rule 4) -------------------------------------

const CSS_PROPS = {
  color: 'color',
  fontFamily: 'font-family',
  fontSize: 'font-size',
  fontSmoothing: '-webkit-font-smoothing',
  fontStyle: 'font-style',
  fontVariant: 'font-variant',
  fontWeight: 'font-weight',
  lineHeight: 'line-height',
  letterSpacing: 'letter-spacing',
  textAlign: 'text-align',
  padding: 'padding',
  textDecoration: 'text-decoration',
  textShadow: 'text-shadow',
  textTransform: 'text-transform',
  backgroundColor: 'background-color'
};
const PSEUDO = {
  ':hover': ':hover',
  ':focus': ':focus',
  '::placeholder': '::placeholder',
  '::selection': '::selection',
  ':-webkit-autofill': ':-webkit-autofill',
  ':disabled': ':disabled'
};

function safeValue(v) {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.length > 200) return null;
  // no way out of the declaration and no way to load anything
  if (/[;{}<>\\\n\r]|url\s*\(|expression\s*\(|@import|image-set\s*\(/i.test(v)) return null;
  return v;
}

function declarations(variant) {
  const out = [];
  let iconColor = null;
  for (const [k, v] of Object.entries(variant || {})) {
    if (k === 'iconColor') {
      iconColor = safeValue(v);
    } else if (CSS_PROPS[k]) {
      const value = safeValue(v);
      if (value !== null) out.push(CSS_PROPS[k] + ':' + value);
    }
  }
  return { decls: out.join(';'), iconColor };
}

function rulesFor(variant, selector, iconSelector) {
  const rules = [];
  const own = declarations(variant);
  if (own.decls) rules.push(selector + '{' + own.decls + '}');
  if (own.iconColor) rules.push(iconSelector + '{color:' + own.iconColor + '}');
  for (const [k, pseudo] of Object.entries(PSEUDO)) {
    if (variant && typeof variant[k] === 'object') {
      const p = declarations(variant[k]);
      const sel = selector.split(',').map((s) => s.trim() + pseudo).join(',');
      if (p.decls) rules.push(sel + '{' + p.decls + '}');
    }
  }
  return rules;
}

let styleSheet = null;

function applyStyle(style) {
  style = style || {};
  const rules = [
    ...rulesFor(style.base, '.Field input', '.CardBrand'),
    ...rulesFor(style.empty, '.CardField.is-empty .Field input', '.CardField.is-empty .CardBrand'),
    ...rulesFor(style.complete, '.CardField.is-complete .Field input', '.CardField.is-complete .CardBrand'),
    ...rulesFor(style.invalid, '.Field input.is-invalid', '.CardBrand.is-invalid')
  ];
  // a constructed sheet: the frame's CSP allows no inline <style>, and none is needed
  if (!styleSheet) {
    styleSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, styleSheet];
  }
  styleSheet.replaceSync('');
  for (const rule of rules) {
    try {
      styleSheet.insertRule(rule, styleSheet.cssRules.length);
    } catch (e) {
      // a rule the browser cannot parse is skipped, like an unknown CSS property
    }
  }
  if (style.base && typeof style.base.fontSize === 'string') {
    // the frame's height follows the text size; the root size drives the layout's em units
    const fs = safeValue(style.base.fontSize);
    if (fs) document.documentElement.style.fontSize = fs;
  }
}

function applyOptions(first) {
  const o = state.options;
  applyStyle(o.style);
  ui.postalWrap.hidden = !!o.hidePostalCode;
  ui.root.classList.toggle('has-postal', !o.hidePostalCode);
  for (const name of ORDER) ui[name].disabled = !!o.disabled;
  if (o.placeholder && typeof o.placeholder === 'string') ui.number.placeholder = o.placeholder;
  if (first && o.value && typeof o.value.postalCode === 'string') {
    ui.postal.value = o.value.postalCode.replace(/[^0-9A-Za-z -]/g, '').toUpperCase().slice(0, 10);
  }
  if (ui.icon) {
    ui.icon.hidden = !!o.hideIcon;
    ui.icon.classList.toggle('CardBrand--solid', o.iconStyle === 'solid');
  }
}

// ---- tokenization --------------------------------------------------------------------------------------

async function tokenize(requestId, data) {
  state.submitted = true;
  const { results, complete, error } = emitChange();
  if (!complete) {
    const code = error || ORDER.map((n) => results[n].incomplete).find(Boolean) || 'incomplete_number';
    post('token', { requestId, result: { error: { type: 'validation_error', code, message: ERRORS[code] } } });
    return;
  }
  const form = new URLSearchParams();
  form.set('card[number]', ui.number.value.replace(/\D/g, ''));
  form.set('card[exp_month]', String(results.expiry.month));
  form.set('card[exp_year]', String(results.expiry.year));
  form.set('card[cvc]', ui.cvc.value);
  for (const [k, v] of Object.entries(data)) {
    if (/^(name|address_line1|address_line2|address_city|address_state|address_zip|address_country|currency)$/
      .test(k) && typeof v === 'string') {
      form.set('card[' + k + ']', v);
    }
  }
  // the element's postal field wins over address_zip passed to createToken, as in Stripe.js
  if (!state.options.hidePostalCode && ui.postal.value.trim()) form.set('card[address_zip]', ui.postal.value.trim());
  form.set('key', state.key);
  form.set('payment_user_agent', 'stripe-sandbox.js/1; card-element');
  form.set('time_on_page', String(Math.round(performance.now())));
  form.set('referrer', PARENT_ORIGIN);
  post('token', { requestId, result: await send(form) });
}

async function send(form) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TOKEN_TIMEOUT_MS);
  let res;
  try {
    res = await fetch('/v1/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      credentials: 'omit',
      cache: 'no-store',
      signal: abort.signal
    });
  } catch (e) {
    return { error: { type: 'api_connection_error',
      message: 'We could not reach the payment server. Check your connection and try again.' } };
  } finally {
    clearTimeout(timer);
  }
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    body = null;
  }
  if (res.ok && body && body.object === 'token') {
    return { token: body };
  }
  if (body && body.error && typeof body.error === 'object') {
    return { error: body.error };
  }
  return { error: { type: 'api_error',
    message: 'The payment server answered HTTP ' + res.status + ' without a usable body. Please try again.' } };
}

// ---- start ---------------------------------------------------------------------------------------------

if (trustedParent()) {
  window.addEventListener('message', onMessage);
  post('load');
} else {
  document.body.appendChild(el('p', { class: 'Refused' },
    'This card field only works inside the page that created it.'));
}
