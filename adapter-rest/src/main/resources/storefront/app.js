// The storefront: products with live stock, a cart, the payment provider's card element, and Pay.
// Steps 1, 4 and 8 of the flow: the card element turns the card into a token on the provider's origin, this page
// sends POST /purchase with the token, the total it showed and the items, and shows what the server answered.
// It never sees a card number. Text from the server or the provider enters the page only through textContent.
// When the shop runs on a provider that asks the buyer to authenticate (3-D Secure, the PaymentIntents adapter), the
// purchase answers 202 requires_action: the page runs stripe.handleCardAction, then asks the shop to confirm. With the
// Charges adapter that answer never comes, and nothing here changes.

const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND',
  'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);
const STOCK_REFRESH_MS = 20000;
const PENDING_POLL_MS = 2000;
const PENDING_POLLS = 30;

/** Digits after the decimal point of a currency's minor unit, as the server's Money counts them. */
export function exponent(currency) {
  const c = currency.toUpperCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  return THREE_DECIMAL.has(c) ? 3 : 2;
}

/** 1400 usd -> "$14.00", 1400 jpy -> "¥1,400". */
export function formatMoney(minor, currency) {
  const digits = exponent(currency);
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(minor / 10 ** digits);
}

const $ = (id) => document.getElementById(id);

const state = {
  products: new Map(), // sku -> {sku, name, unitAmount, currency, available}
  cart: new Map(), // sku -> quantity, in the order the buyer added them
  stripe: null,
  card: null,
  cardReady: false,
  cardComplete: false,
  paying: false,
  testMode: false,
  cartCount: 0,
  checkoutInView: false
};

// ---- small DOM helpers: every piece of text goes in through textContent ------------------------------------

function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else if (v !== false && v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  node.append(...present(children));
  return node;
}

/** The children to show: a null or undefined one stands for an optional part left out, never for the text "null". */
function present(children) {
  return children.filter((child) => child !== null && child !== undefined);
}

/** fetch that resolves to {status, body} and never rejects: status 0 means the server was not reached. */
async function request(url, options) {
  let res;
  try {
    res = await fetch(url, Object.assign({ cache: 'no-store', credentials: 'same-origin' }, options));
  } catch (e) {
    return { status: 0, body: null };
  }
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    body = null;
  }
  return { status: res.status, body };
}

// ---- products ------------------------------------------------------------------------------------------

async function loadProducts() {
  const { status, body } = await request('/api/products');
  if (status !== 200 || !Array.isArray(body)) {
    $('products-status').textContent = status === 0
      ? 'The shop could not be reached. Check your connection; the list will refresh by itself.'
      : 'The products could not be loaded (HTTP ' + status + '). Please reload the page.';
    $('products-status').hidden = false;
    return false;
  }
  state.products = new Map(body.map((p) => [p.sku, p]));
  $('products-status').hidden = body.length > 0;
  if (body.length === 0) $('products-status').textContent = 'Nothing for sale right now. Please come back soon.';
  renderProducts();
  fitCartToStock();
  renderCart();
  return true;
}

/** A stable colour per product for its tile, so the shop looks the same on every visit. */
function hueOf(sku) {
  let hash = 0;
  for (const ch of sku) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 360;
}

function initials(name) {
  const words = name.replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter(Boolean);
  return (words.slice(0, 2).map((w) => w[0]).join('') || '?').toUpperCase();
}

function stockText(available) {
  if (available <= 0) return 'Sold out';
  if (available <= 5) return 'Only ' + available + ' left';
  return available + ' in stock';
}

/** Keeps one node per key in `list`, in order: existing nodes are updated in place, so focus stays put. */
function reconcile(list, keys, create, update) {
  const existing = new Map([...list.children].map((node) => [node.dataset.key, node]));
  const nodes = keys.map((key) => {
    const node = existing.get(key) || create(key);
    node.dataset.key = key;
    update(node, key);
    return node;
  });
  for (const [key, node] of existing) {
    if (keys.includes(key)) continue;
    // a keyboard user who just removed the line they were on lands on the list, not on the page's top
    const hadFocus = node.contains(document.activeElement);
    node.remove();
    if (hadFocus) list.closest('[tabindex]')?.focus();
  }
  nodes.forEach((node, i) => {
    if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null);
  });
}

function createProduct(sku) {
  const p = state.products.get(sku);
  const tile = h('div', { class: 'tile', 'aria-hidden': 'true' }, h('span', { class: 'tile-mark' }));
  tile.style.setProperty('--hue', String(hueOf(sku)));
  return h('li', { class: 'product', dataset: { sku } },
    tile,
    h('div', { class: 'product-body' },
      h('h3', { class: 'product-name' }),
      h('p', { class: 'product-meta' }, h('span', { class: 'price' }), h('span', { class: 'stock' })),
      h('button', { class: 'add-button', type: 'button', onclick: () => changeQuantity(p.sku, +1) })));
}

function updateProduct(node, sku) {
  const p = state.products.get(sku);
  const inCart = state.cart.get(sku) || 0;
  const soldOut = p.available <= 0;
  node.classList.toggle('is-sold-out', soldOut);
  node.querySelector('.tile-mark').textContent = initials(p.name);
  node.querySelector('.product-name').textContent = p.name;
  node.querySelector('.price').textContent = formatMoney(p.unitAmount, p.currency);
  const stock = node.querySelector('.stock');
  stock.className = 'stock' + (soldOut ? ' is-out' : p.available <= 5 ? ' is-low' : '');
  stock.dataset.available = String(p.available);
  stock.textContent = stockText(p.available);
  const add = node.querySelector('.add-button');
  const label = soldOut ? 'Sold out' : inCart >= p.available ? 'All in your cart' : 'Add to cart';
  add.textContent = label;
  add.disabled = soldOut || inCart >= p.available;
  add.setAttribute('aria-label', label + ': ' + p.name);
}

function renderProducts() {
  reconcile($('products'), [...state.products.keys()], createProduct, updateProduct);
}

// ---- cart ----------------------------------------------------------------------------------------------

function changeQuantity(sku, delta) {
  const product = state.products.get(sku);
  if (!product) return;
  const next = Math.max(0, Math.min(product.available, (state.cart.get(sku) || 0) + delta));
  if (next === 0) state.cart.delete(sku);
  else state.cart.set(sku, next);
  $('cart-warning').hidden = true;
  renderProducts();
  renderCart();
}

/** After a stock refresh: never offer more than the shop has; say so when the cart had to shrink. */
function fitCartToStock() {
  const changed = [];
  for (const [sku, qty] of state.cart) {
    const p = state.products.get(sku);
    const max = p ? p.available : 0;
    if (qty > max) {
      changed.push((p ? p.name : sku) + (max > 0 ? ' (only ' + max + ' left)' : ' (sold out)'));
      if (max > 0) state.cart.set(sku, max);
      else state.cart.delete(sku);
    }
  }
  if (changed.length > 0) {
    $('cart-warning').textContent = 'We updated your cart to what is in stock: ' + changed.join(', ') + '.';
    $('cart-warning').hidden = false;
  }
}

/** The cart's lines and total, or why it cannot be paid as one order. */
function cartSummary() {
  const lines = [];
  const currencies = new Set();
  let amount = 0;
  for (const [sku, quantity] of state.cart) {
    const p = state.products.get(sku);
    if (!p) continue;
    lines.push({ product: p, quantity, amount: p.unitAmount * quantity });
    currencies.add(p.currency);
    amount += p.unitAmount * quantity;
  }
  const currency = currencies.size === 1 ? [...currencies][0] : null;
  return { lines, amount, currency, mixed: currencies.size > 1 };
}

function createCartLine(sku) {
  return h('li', { class: 'cart-line', dataset: { sku } },
    h('div', { class: 'cart-line-name' }, h('span', { class: 'cart-line-title' }), h('span', { class: 'cart-line-unit' })),
    h('div', { class: 'stepper', role: 'group' },
      h('button', { type: 'button', class: 'step step-less', onclick: () => changeQuantity(sku, -1), text: '−' }),
      h('output', { class: 'qty' }),
      h('button', { type: 'button', class: 'step step-more', onclick: () => changeQuantity(sku, +1), text: '+' })),
    h('span', { class: 'cart-line-amount' }));
}

function updateCartLine(node, sku) {
  const p = state.products.get(sku);
  const quantity = state.cart.get(sku);
  node.querySelector('.cart-line-title').textContent = p.name;
  node.querySelector('.cart-line-unit').textContent = formatMoney(p.unitAmount, p.currency) + ' each';
  node.querySelector('.stepper').setAttribute('aria-label', 'Quantity of ' + p.name);
  node.querySelector('.step-less').setAttribute('aria-label', quantity > 1 ? 'One less ' + p.name : 'Remove ' + p.name);
  const more = node.querySelector('.step-more');
  more.setAttribute('aria-label', 'One more ' + p.name);
  more.disabled = quantity >= p.available;
  node.querySelector('.qty').textContent = String(quantity);
  node.querySelector('.cart-line-amount').textContent = formatMoney(p.unitAmount * quantity, p.currency);
}

function renderCart() {
  const summary = cartSummary();
  const skus = summary.lines.map((l) => l.product.sku);
  reconcile($('cart-lines'), skus, createCartLine, updateCartLine);
  $('cart-empty').hidden = skus.length > 0;
  const count = summary.lines.reduce((n, l) => n + l.quantity, 0);
  $('cart-count').textContent = String(count);
  state.cartCount = count;
  $('cart-bar-count').textContent = count === 1 ? '1 item' : count + ' items';
  $('cart-bar-total').textContent = summary.currency && !summary.mixed ? formatMoney(summary.amount, summary.currency) : '';
  updateCartBar();
  if (summary.mixed) {
    $('cart-total').textContent = '—';
    $('cart-warning').textContent = 'These products are priced in different currencies; please buy them in separate '
      + 'orders.';
    $('cart-warning').hidden = false;
  } else {
    $('cart-total').textContent = summary.currency ? formatMoney(summary.amount, summary.currency) : '—';
  }
  updatePayButton();
}

/** On a phone the cart sits below the products: a bar leads there while the cart has items and is out of view. */
function updateCartBar() {
  $('cart-bar').hidden = state.cartCount === 0 || state.checkoutInView;
}

// ---- paying --------------------------------------------------------------------------------------------

function updatePayButton() {
  const summary = cartSummary();
  const button = $('pay');
  const payable = summary.lines.length > 0 && !summary.mixed;
  button.disabled = state.paying || !state.cardReady || !state.cardComplete || !payable;
  if (state.paying) button.textContent = 'Paying…';
  else button.textContent = payable ? 'Pay ' + formatMoney(summary.amount, summary.currency) : 'Pay';
  button.setAttribute('aria-busy', state.paying ? 'true' : 'false');
}

function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

async function pay(event) {
  event.preventDefault();
  // one press, one purchase: a second click while this one runs does nothing
  if (state.paying || $('pay').disabled) return;
  const summary = cartSummary();
  if (summary.lines.length === 0 || summary.mixed) return;
  state.paying = true;
  updatePayButton();
  const idempotencyKey = newIdempotencyKey();
  const shown = { amount: summary.amount, currency: summary.currency, lines: summary.lines };
  try {
    const { token, error } = await state.stripe.createToken(state.card);
    if (error) {
      // the card element's own words (incomplete number, expired card, ...); nothing reached the shop
      $('card-errors').textContent = error.message || 'Your card could not be checked. Please try again.';
      return;
    }
    const body = JSON.stringify({
      token: token.id,
      amount: shown.amount,
      currency: shown.currency,
      items: shown.lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity }))
    });
    const post = () => request('/purchase', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body
    });
    let answer = await retriedOnce(post);
    if (answer.status === 202 && answer.body && answer.body.status === 'requires_action') {
      answer = await authenticateAndConfirm(answer.body);
    }
    showOutcome(answer);
  } finally {
    state.paying = false;
    await loadProducts();
    updatePayButton();
  }
}

/** A request whose connection dropped is asked once more: the same key (or order) cannot buy twice. */
async function retriedOnce(send) {
  let answer = await send();
  if (answer.status === 0) {
    await new Promise((r) => setTimeout(r, 1000));
    answer = await send();
  }
  return answer;
}

/**
 * The buyer's bank asks them to confirm (3-D Secure): the provider's library shows its page, and whatever the buyer
 * did there, the shop is asked to finish the purchase; it learns from the provider whether the payment went through
 * and answers as a purchase does (201 paid, 402 declined or not authenticated, 409 too late).
 */
async function authenticateAndConfirm(pending) {
  try {
    // resolves with {paymentIntent} after "Complete" and with {error} after "Fail": the shop decides, not the page
    await state.stripe.handleCardAction(pending.clientSecret);
  } catch (e) {
    // the library could not run the authentication; the shop's answer below says where the order stands
  }
  return retriedOnce(() => request('/purchase/' + encodeURIComponent(pending.orderId) + '/confirm', { method: 'POST' }));
}

function showOutcome({ status, body }) {
  const error = body && body.error ? body.error : null;
  if (status === 201 && body) {
    showPaid(body);
    state.cart.clear();
    state.card.clear();
  } else if (status === 202 && body && body.status === 'requires_action') {
    // the bank's confirmation did not finish: nothing is charged, and the held items go back after a few minutes
    showResult('error', 'Payment not confirmed', 'Your bank did not confirm this payment, so it was not made.',
      'Nothing was charged. Pay again to retry.');
  } else if (status === 202 && body) {
    showPending(body);
    state.cart.clear();
    state.card.clear();
  } else if (status === 402 && error) {
    showResult('declined', 'Payment declined', error.message || 'Your card was declined.',
      'Nothing was charged. Try another card.');
  } else if (status === 409 && error && error.code === 'out_of_stock') {
    const names = (error.skus || []).map((sku) => (state.products.get(sku) || { name: sku }).name);
    showResult('sold-out', 'Sold out: ' + (names.join(', ') || 'an item in your cart'),
      error.message || 'Some items are no longer in stock.', 'Your cart now shows what is left.');
  } else if (status === 409 && error && error.code === 'authentication_expired') {
    showResult('error', 'Payment not confirmed in time', error.message, 'Nothing was charged. Pay again to retry.');
  } else if (status === 409 && error && error.code === 'amount_mismatch') {
    showResult('error', 'Prices have changed', error.message, 'The shop now shows the current prices.');
  } else if (status === 0) {
    showResult('error', 'We could not reach the shop',
      'Your connection dropped before we heard back. If you were charged, the order will appear; please do not pay '
      + 'again for a minute.', null);
  } else {
    showResult('error', 'Payment not completed',
      (error && error.message) || 'Something went wrong (HTTP ' + status + '). Nothing was charged.', null);
  }
}

function showResult(kind, title, message, hint, ...extra) {
  const box = $('result');
  box.className = 'result result--' + kind;
  box.dataset.outcome = kind;
  box.replaceChildren(...present([
    h('h3', { class: 'result-title', text: title }),
    h('p', { class: 'result-message', text: message }),
    ...extra,
    hint ? h('p', { class: 'result-hint', text: hint }) : null]));
  box.hidden = false;
  box.focus({ preventScroll: true });
  box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function purchasedList(items, currency) {
  return h('ul', { class: 'bought' }, ...(items || []).map((line) => {
    const p = state.products.get(line.sku);
    return h('li', { dataset: { sku: line.sku } },
      h('span', { text: (p ? p.name : line.sku) + ' × ' + line.quantity }),
      h('span', { text: formatMoney(line.amount, currency) }));
  }));
}

function showPaid(order) {
  showResult('paid', 'Thank you, your order is confirmed',
    'We have received your payment of ' + formatMoney(order.amount, order.currency) + '.', null,
    h('p', { class: 'order-id' }, 'Order ', h('strong', { id: 'order-id', text: order.orderId })),
    purchasedList(order.items, order.currency));
}

function showPending(pending) {
  showResult('pending', 'Payment pending', pending.message || 'We are waiting for the payment provider to confirm '
    + 'your payment. Please do not pay again.', 'This page updates when the payment is confirmed.',
  h('p', { class: 'order-id' }, 'Order ', h('strong', { id: 'order-id', text: pending.orderId })));
  followPending(pending.orderId, 0);
}

/** Watches a pending order until the provider's verdict is known. */
async function followPending(orderId, attempt) {
  if (attempt >= PENDING_POLLS) return;
  await new Promise((r) => setTimeout(r, PENDING_POLL_MS));
  const { status, body } = await request('/api/orders/' + encodeURIComponent(orderId));
  if ($('result').dataset.outcome !== 'pending') return; // a newer purchase took over the panel
  if (status === 200 && body && body.status === 'PAID') {
    showPaid(body);
    loadProducts();
  } else if (status === 200 && body && body.status === 'DECLINED') {
    showResult('declined', 'Payment declined', (body.decline && body.decline.message) || 'Your card was declined.',
      'Nothing was charged.');
    loadProducts();
  } else if (status === 200 && body && (body.status === 'FAILED' || body.status === 'REFUNDED')) {
    showResult('error', 'Payment not completed', (body.failure && body.failure.message)
      || 'The payment did not go through. Nothing was charged.', null);
    loadProducts();
  } else {
    followPending(orderId, attempt + 1);
  }
}

// ---- the payment library -------------------------------------------------------------------------------

function loadLibrary(url) {
  return new Promise((resolve) => {
    if (typeof window.Stripe === 'function') {
      resolve(true);
      return;
    }
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => resolve(typeof window.Stripe === 'function');
    script.onerror = () => resolve(false);
    document.head.appendChild(script);
  });
}

function paymentsUnavailable(message) {
  $('card-errors').textContent = message;
  state.cardReady = false;
  updatePayButton();
}

async function setUpPayments() {
  const { status, body } = await request('/api/config');
  if (status !== 200 || !body || !body.publishableKey || !body.stripeJsUrl) {
    paymentsUnavailable('Payments are unavailable right now (the shop\'s payment settings could not be loaded).');
    return;
  }
  if (!(await loadLibrary(body.stripeJsUrl))) {
    paymentsUnavailable('Payments are unavailable right now: the payment form could not be loaded. Please try '
      + 'again later.');
    return;
  }
  state.testMode = body.publishableKey.startsWith('pk_test_');
  $('test-hint').hidden = !state.testMode;
  state.stripe = window.Stripe(body.publishableKey);
  state.card = state.stripe.elements().create('card', {
    style: {
      base: {
        color: '#1f2a28',
        fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
        fontSize: '16px',
        '::placeholder': { color: '#8b958f' }
      },
      invalid: { color: '#b42318', iconColor: '#b42318' }
    }
  });
  state.card.on('ready', () => {
    state.cardReady = true;
    updatePayButton();
  });
  state.card.on('change', (e) => {
    state.cardComplete = e.complete;
    $('card-errors').textContent = e.error ? e.error.message : '';
    updatePayButton();
  });
  state.card.on('loaderror', (e) => paymentsUnavailable(e.error && e.error.message
    ? e.error.message : 'The payment form could not be loaded.'));
  state.card.mount('#card-element');
}

// ---- start ---------------------------------------------------------------------------------------------

$('payment-form').addEventListener('submit', pay);
new IntersectionObserver((entries) => {
  state.checkoutInView = entries.some((e) => e.isIntersecting);
  updateCartBar();
}).observe($('checkout'));
loadProducts();
setUpPayments();
setInterval(() => {
  if (document.visibilityState === 'visible' && !state.paying) loadProducts();
}, STOCK_REFRESH_MS);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && !state.paying) loadProducts();
});
