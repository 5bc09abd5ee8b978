// The shop admin: orders (with refunds and restock), products (add, edit, stock by a delta) and a summary.
// The admin token is typed once and kept in sessionStorage (this tab only); every call sends it as a bearer header,
// and nothing else: no cookies, so no request can be forged from another site. Text from the server enters the page
// only through textContent, so a product named <script> is shown as those characters.

const TOKEN_KEY = 'checkout.adminToken';
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND',
  'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);
const ORDERS_PER_PAGE = 20;
const PRODUCTS_PER_PAGE = 50;
const ATTENTION = new Set(['PAYMENT_UNKNOWN', 'REFUND_PENDING']);

const $ = (id) => document.getElementById(id);

const state = {
  token: null,
  orderFilter: '',
  orderPageStart: null, // the cursor of the page shown (null: the newest)
  orderLast: null, // the last order id of the page shown
  productsAfter: null,
  order: null // the order shown in the detail panel
};

// ---- formatting ---------------------------------------------------------------------------------------------

function exponent(currency) {
  const c = currency.toUpperCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  return THREE_DECIMAL.has(c) ? 3 : 2;
}

function formatMoney(minor, currency) {
  const digits = exponent(currency);
  return new Intl.NumberFormat(undefined, {
    style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: digits, maximumFractionDigits: digits
  }).format(minor / 10 ** digits);
}

/** "12.5" usd -> 1250; null when the text is not an amount with at most the currency's decimals. */
function parseMoney(text, currency) {
  const digits = exponent(currency);
  const m = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) return null;
  const fraction = m[2] || '';
  if (fraction.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
}

function majorUnits(minor, currency) {
  const digits = exponent(currency);
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}

function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function statusLabel(status) {
  return status.toLowerCase().replace(/_/g, ' ');
}

// ---- DOM: every text through textContent -------------------------------------------------------------------

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
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function say(node, text, kind) {
  node.textContent = text;
  if (node.classList.contains('notice')) node.hidden = !text; // a notice box is shown only with something in it
  node.classList.remove('is-error', 'is-ok', 'is-pending');
  if (kind) node.classList.add('is-' + kind);
}

// ---- the API: {status, body}, never a rejected promise -------------------------------------------------------

async function api(method, path, body, token, extraHeaders) {
  const headers = { Accept: 'application/json', Authorization: 'Bearer ' + (token || state.token), ...(extraHeaders || {}) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method, headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  } catch (e) {
    return { status: 0, body: null };
  }
  let json = null;
  try {
    json = await res.json();
  } catch (e) {
    json = null;
  }
  if (res.status === 401 && !token) {
    signOut('The admin token was refused; sign in again with the current one.');
  }
  return { status: res.status, body: json };
}

function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function errorText(reply) {
  if (reply.status === 0) return 'The checkout could not be reached. Check the connection and try again.';
  const message = reply.body && reply.body.error && reply.body.error.message;
  return message || 'The request failed (HTTP ' + reply.status + ').';
}

// ---- signing in and out --------------------------------------------------------------------------------------

async function signIn(token) {
  const reply = await api('GET', '/api/admin/summary', undefined, token);
  if (reply.status === 401) {
    return 'That admin token was refused. Use the value of CHECKOUT_ADMIN_TOKEN, or the token the checkout printed when it started.';
  }
  if (reply.status !== 200) return errorText(reply);
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('login-panel').hidden = true;
  $('admin-app').hidden = false;
  $('logout').hidden = false;
  renderSummary(reply.body);
  await Promise.all([loadOrders(null), loadProducts(false)]);
  return null;
}

function signOut(message) {
  state.token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $('admin-app').hidden = true;
  $('logout').hidden = true;
  $('login-panel').hidden = false;
  say($('login-error'), message || '', message ? 'error' : null);
  $('token').value = '';
  $('token').focus();
}

// ---- summary -------------------------------------------------------------------------------------------------

async function loadSummary() {
  const reply = await api('GET', '/api/admin/summary');
  if (reply.status === 200) renderSummary(reply.body);
}

function figure(value, label, attention) {
  return h('div', { class: 'figure' + (attention ? ' is-attention' : ''), dataset: { figure: label } },
    h('span', { class: 'figure-value', text: value }), h('span', { class: 'figure-label', text: label }));
}

function renderSummary(summary) {
  const figures = [];
  if (summary.currencies.length === 0) {
    figures.push(figure('0', 'paid orders today'));
  }
  for (const c of summary.currencies) {
    const code = c.currency.toUpperCase();
    figures.push(figure(String(c.today.paidOrders), 'paid orders today (' + code + ')'));
    figures.push(figure(formatMoney(c.today.revenue, c.currency), 'revenue today (' + code + ')'));
    figures.push(figure(formatMoney(c.today.refunded, c.currency), 'refunded today, ' + c.today.refunds + ' refunds'));
    figures.push(figure(formatMoney(c.last7Days.revenue, c.currency), 'revenue, last 7 days, ' + c.last7Days.paidOrders + ' orders'));
    if (c.openDisputes > 0) {
      figures.push(figure(formatMoney(c.disputed, c.currency), 'disputed (' + code + '), ' + c.openDisputes + ' open', true));
    }
  }
  figures.push(figure(String(summary.needsAttention), 'orders need attention', summary.needsAttention > 0));
  figures.push(figure(String(summary.disputes.count), 'open disputes', summary.disputes.count > 0));
  $('summary-figures').replaceChildren(...figures);
  $('summary-note').textContent = summary.disputes.tracked ? '' : summary.disputes.note;
  renderChart(summary.purchasesPerHour);
}

/** One bar per hour, oldest on the left; drawn here, no chart library. */
function renderChart(hours) {
  const width = 720;
  const height = 120;
  const base = 100;
  const slot = width / hours.length;
  const most = Math.max(1, ...hours.map((x) => x.paidOrders));
  const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-labelledby': 'chart-title' });
  const total = hours.reduce((sum, x) => sum + x.paidOrders, 0);
  chart.append(svg('title', { id: 'chart-title' }, total + ' paid orders in the last 24 hours'));
  hours.forEach((hour, i) => {
    const barHeight = Math.round((hour.paidOrders / most) * (base - 10));
    const bar = svg('rect', {
      class: 'bar', x: (i * slot + 2).toFixed(1), y: base - barHeight, width: (slot - 4).toFixed(1),
      height: Math.max(barHeight, hour.paidOrders > 0 ? 1 : 0), 'data-count': hour.paidOrders, 'data-hour': hour.hourStart
    });
    const start = new Date(hour.hourStart);
    bar.append(svg('title', {}, start.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) + ': '
      + hour.paidOrders + ' paid'));
    chart.append(bar);
    if (i % 6 === 0 || i === hours.length - 1) {
      const anchor = i === 0 ? 'start' : i === hours.length - 1 ? 'end' : 'middle';
      const x = i === 0 ? i * slot : i === hours.length - 1 ? (i + 1) * slot : i * slot + slot / 2;
      chart.append(svg('text', { class: 'axis', x: x.toFixed(1), y: height - 6, 'text-anchor': anchor },
        start.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })));
    }
  });
  $('chart').replaceChildren(chart);
}

// ---- orders --------------------------------------------------------------------------------------------------

function ordersQuery(after) {
  const params = new URLSearchParams({ limit: String(ORDERS_PER_PAGE) });
  if (state.orderFilter === 'attention') params.set('needs_attention', 'true');
  else if (state.orderFilter) params.set('status', state.orderFilter);
  if (after) params.set('starting_after', after);
  return '/api/admin/orders?' + params;
}

async function loadOrders(after) {
  say($('orders-status'), 'Loading orders…');
  const reply = await api('GET', ordersQuery(after));
  if (reply.status !== 200) {
    say($('orders-status'), errorText(reply), 'error');
    return;
  }
  state.orderPageStart = after;
  const orders = reply.body.data;
  state.orderLast = orders.length ? orders[orders.length - 1].orderId : null;
  $('orders').replaceChildren(...orders.map(orderRow));
  say($('orders-status'), orders.length ? '' : 'No orders here yet.');
  $('orders-next').hidden = !reply.body.hasMore;
  $('orders-first').hidden = after === null;
}

function orderRow(order) {
  const attention = order.needsAttention || ATTENTION.has(order.status);
  return h('tr', {
    class: 'order-row', tabindex: '0', dataset: { orderId: order.orderId, status: order.status },
    onclick: () => showOrder(order.orderId),
    onkeydown: (e) => { if (e.key === 'Enter') showOrder(order.orderId); }
  },
  h('td', { text: when(order.createdAt) }),
  h('td', { class: 'mono', text: order.orderId }),
  h('td', {}, h('span', { class: 'status' + (attention ? ' is-attention' : ''), text: statusLabel(order.status) })),
  h('td', { class: 'num', text: formatMoney(order.amount, order.currency) }),
  h('td', { class: 'num', text: order.amountRefunded ? formatMoney(order.amountRefunded, order.currency) : '—' }));
}

async function showOrder(id) {
  const reply = await api('GET', '/api/admin/orders/' + encodeURIComponent(id));
  const panel = $('order-detail');
  panel.hidden = false;
  if (reply.status !== 200) {
    $('order-body').replaceChildren(h('p', { class: 'form-message is-error', text: errorText(reply) }));
    return;
  }
  renderOrder(reply.body);
  panel.focus();
}

/** Units of each SKU that may still go back to stock: sold, less what refunds (not failed) put back. */
function restockable(order) {
  const left = new Map(order.items.map((line) => [line.sku, line.quantity]));
  for (const refund of order.refunds) {
    if (refund.status === 'FAILED') continue;
    for (const r of refund.restock) left.set(r.sku, (left.get(r.sku) || 0) - r.quantity);
  }
  return left;
}

function renderOrder(order) {
  state.order = order;
  const c = order.currency;
  $('order-title').textContent = 'Order ' + order.orderId;
  const facts = h('dl', { class: 'detail-grid' },
    h('dt', { text: 'Status' }), h('dd', { id: 'order-status', text: statusLabel(order.status) }),
    h('dt', { text: 'Placed' }), h('dd', { text: when(order.createdAt) }),
    h('dt', { text: 'Amount' }), h('dd', { text: formatMoney(order.amount, c) }),
    h('dt', { text: 'Refunded' }), h('dd', { id: 'order-refunded', text: formatMoney(order.amountRefunded, c) }),
    order.amountRefundPending ? h('dt', { text: 'Refund pending' }) : null,
    order.amountRefundPending ? h('dd', { text: formatMoney(order.amountRefundPending, c) }) : null,
    h('dt', { text: 'Charge' }), h('dd', { class: 'mono', text: order.charge ? order.charge.id : 'none' }),
    h('dt', { text: 'Dispute' }), h('dd', { text: order.dispute ? order.dispute.status + ' (' + order.dispute.reason + '), ' + order.dispute.amount + ' ' + order.dispute.currency : 'none reported' }),
    order.decline ? h('dt', { text: 'Declined' }) : null,
    order.decline ? h('dd', { text: order.decline.message }) : null,
    order.failure ? h('dt', { text: 'Failed' }) : null,
    order.failure ? h('dd', { text: order.failure.message }) : null);

  const lines = h('table', { class: 'table', id: 'order-lines' },
    h('thead', {}, h('tr', {}, h('th', { text: 'Item' }), h('th', { class: 'num', text: 'Quantity' }),
      h('th', { class: 'num', text: 'Unit price' }), h('th', { class: 'num', text: 'Amount' }))),
    h('tbody', {}, ...order.items.map((line) => h('tr', { dataset: { sku: line.sku } },
      h('td', { class: 'mono', text: line.sku }), h('td', { class: 'num', text: String(line.quantity) }),
      h('td', { class: 'num', text: formatMoney(line.unitAmount, c) }), h('td', { class: 'num', text: formatMoney(line.amount, c) })))));

  const refunds = order.refunds.length === 0 ? h('p', { class: 'section-note', text: 'No refunds.' })
    : h('table', { class: 'table', id: 'order-refunds' },
      h('thead', {}, h('tr', {}, h('th', { text: '#' }), h('th', { class: 'num', text: 'Amount' }), h('th', { text: 'Status' }),
        h('th', { text: 'Restocked' }), h('th', { text: 'Reason' }), h('th', { text: 'Provider' }))),
      h('tbody', {}, ...order.refunds.map((r) => h('tr', { dataset: { sequence: String(r.sequence), status: r.status } },
        h('td', { text: String(r.sequence) }),
        h('td', { class: 'num', text: formatMoney(r.amount, r.currency) }),
        h('td', { text: statusLabel(r.status) + (r.failure ? ': ' + r.failure.message : '') }),
        h('td', { text: r.restock.length ? r.restock.map((x) => x.quantity + ' × ' + x.sku).join(', ') : '—' }),
        h('td', { text: r.reason || '—' }),
        h('td', { class: 'mono', text: r.providerRefundId || '—' })))));

  $('order-body').replaceChildren(facts, h('h3', { class: 'small-title', text: 'Items' }), lines,
    h('h3', { class: 'small-title', text: 'Refunds' }), refunds, refundForm(order));
}

function refundForm(order) {
  if (order.amountRefundable <= 0) {
    return h('p', { class: 'section-note', id: 'refund-none', text: order.status === 'PAID' || order.status === 'PARTIALLY_REFUNDED'
      ? 'Nothing left to refund.' : 'Only a paid order can be refunded.' });
  }
  const c = order.currency;
  const left = restockable(order);
  const amount = h('input', { class: 'input', id: 'refund-amount', inputmode: 'decimal',
    value: majorUnits(order.amountRefundable, c) });
  const restockInputs = order.items.map((line) => h('label', {},
    'Put back ' + line.sku + ' (up to ' + Math.max(0, left.get(line.sku)) + ')',
    h('input', { class: 'input restock', type: 'number', min: '0', max: String(Math.max(0, left.get(line.sku))), value: '0',
      disabled: left.get(line.sku) <= 0,
      dataset: { restockSku: line.sku, unitAmount: String(line.unitAmount) },
      oninput: () => suggestAmount(order, restockInputs, amount) })));
  const reason = h('input', { class: 'input', id: 'refund-reason', maxlength: '500', placeholder: 'e.g. returned, unopened' });
  const result = h('p', { class: 'refund-result', id: 'refund-result', role: 'status' });
  const confirm = h('div', { class: 'confirm', id: 'refund-confirm-box', hidden: true });
  const review = h('button', { class: 'pay-button', id: 'refund-submit', type: 'submit', text: 'Review refund' });
  const form = h('form', { class: 'refund-form', id: 'refund-form', novalidate: true,
    onsubmit: (e) => { e.preventDefault(); reviewRefund(order, amount, restockInputs, reason, confirm, result, review); } },
  h('h3', { class: 'small-title', text: 'Refund' }),
  h('label', {}, 'Amount (' + c.toUpperCase() + ', at most ' + formatMoney(order.amountRefundable, c) + ')', amount),
  ...restockInputs,
  h('label', {}, 'Reason (optional)', reason),
  review, confirm, result);
  return form;
}

/** Restocking items suggests refunding what they cost, within what may still be refunded. */
function suggestAmount(order, restockInputs, amount) {
  let sum = 0;
  for (const label of restockInputs) {
    const input = label.querySelector('input');
    sum += Math.max(0, Number(input.value) || 0) * Number(input.dataset.unitAmount);
  }
  amount.value = majorUnits(sum > 0 ? Math.min(sum, order.amountRefundable) : order.amountRefundable, order.currency);
}

function reviewRefund(order, amountInput, restockInputs, reasonInput, confirm, result, review) {
  const c = order.currency;
  const minor = parseMoney(amountInput.value, c);
  if (minor === null || minor < 1) {
    say(result, 'Type an amount such as ' + majorUnits(order.amountRefundable, c) + '.', 'error');
    return;
  }
  if (minor > order.amountRefundable) {
    say(result, 'At most ' + formatMoney(order.amountRefundable, c) + ' can still be refunded.', 'error');
    return;
  }
  const restock = [];
  for (const label of restockInputs) {
    const input = label.querySelector('input');
    const units = Number(input.value);
    if (!Number.isInteger(units) || units < 0 || units > Number(input.max)) {
      say(result, 'Put back between 0 and ' + input.max + ' of ' + input.dataset.restockSku + '.', 'error');
      return;
    }
    if (units > 0) restock.push({ sku: input.dataset.restockSku, quantity: units });
  }
  say(result, '');
  const what = 'Refund ' + formatMoney(minor, c) + ' of order ' + order.orderId
    + (restock.length ? ' and put back ' + restock.map((r) => r.quantity + ' × ' + r.sku).join(', ') : ' without restocking')
    + '? The money goes back to the buyer\'s card.';
  // one key per reviewed refund: pressing "Refund now" again after a lost answer repeats the same request, which the
  // checkout answers with the first refund instead of making a second
  const idempotencyKey = newIdempotencyKey();
  const go = h('button', { class: 'pay-button', id: 'refund-confirm', type: 'button', text: 'Refund now' });
  const cancel = h('button', { class: 'secondary-button', id: 'refund-cancel', type: 'button', text: 'Cancel' });
  cancel.addEventListener('click', () => { confirm.hidden = true; review.disabled = false; });
  go.addEventListener('click', async () => {
    go.disabled = true;
    cancel.disabled = true;
    const body = { amount: minor, restock };
    if (reasonInput.value.trim()) body.reason = reasonInput.value.trim();
    const reply = await api('POST', '/api/admin/orders/' + encodeURIComponent(order.orderId) + '/refunds', body,
      undefined, { 'Idempotency-Key': idempotencyKey });
    if (reply.status === 0) {
      go.disabled = false;
      cancel.disabled = false;
      say(result, 'The checkout could not be reached, so the refund may or may not have been made. Press "Refund now"'
        + ' again: the repeat is recognised and never refunds twice.', 'error');
      return;
    }
    confirm.hidden = true;
    review.disabled = false;
    if (reply.status === 201 || reply.status === 202) {
      renderOrder(reply.body.order);
      const done = $('refund-result') || result;
      if (reply.status === 201) {
        say(done, 'Refunded ' + formatMoney(reply.body.refund.amount, c) + ' (' + reply.body.refund.providerRefundId + ').', 'ok');
      } else {
        say(done, 'The provider has not confirmed the refund yet; it stays pending and is finished automatically.', 'pending');
      }
      if (!$('refund-result')) $('order-body').append(done);
      await Promise.all([loadSummary(), loadOrders(state.orderPageStart), reloadProducts()]);
    } else {
      say(result, errorText(reply), 'error');
    }
  });
  confirm.replaceChildren(h('p', { id: 'refund-question', text: what }), h('div', { class: 'confirm-actions' }, go, cancel));
  confirm.hidden = false;
  review.disabled = true;
  go.focus();
}

// ---- products ------------------------------------------------------------------------------------------------

async function loadProducts(more) {
  const params = new URLSearchParams({ limit: String(PRODUCTS_PER_PAGE) });
  if (more && state.productsAfter) params.set('starting_after', state.productsAfter);
  const reply = await api('GET', '/api/admin/products?' + params);
  if (reply.status !== 200) {
    say($('products-status'), errorText(reply), 'error');
    return;
  }
  const rows = reply.body.data.map(productRow);
  if (more) $('products').append(...rows);
  else $('products').replaceChildren(...rows);
  const data = reply.body.data;
  if (data.length) state.productsAfter = data[data.length - 1].sku;
  $('products-more').hidden = !reply.body.hasMore;
  say($('products-status'), $('products').children.length ? '' : 'No products yet: add one below.');
}

/** The pages already shown, again from the first. */
async function reloadProducts() {
  state.productsAfter = null;
  await loadProducts(false);
}

function productRow(product) {
  const delta = h('input', { class: 'input stock-delta', inputmode: 'numeric', placeholder: '+5 or -3',
    'aria-label': 'units to add or remove for ' + product.sku });
  const row = h('tr', { dataset: { sku: product.sku } },
    h('td', { class: 'mono', text: product.sku }),
    h('td', { class: 'product-name', text: product.name }),
    h('td', { class: 'num', text: formatMoney(product.unitAmount, product.currency) }),
    h('td', { class: 'num stock-cell', text: String(product.available), dataset: { available: String(product.available) } }),
    h('td', {}, delta, ' ', h('button', { class: 'secondary-button stock-apply', type: 'button', text: 'Apply',
      onclick: () => adjustStock(product, delta) })),
    h('td', {}, h('button', { class: 'link-button edit-product', type: 'button', text: 'Edit',
      onclick: () => editProduct(product, row) })));
  return row;
}

async function adjustStock(product, input) {
  const text = input.value.trim();
  if (!/^[+-]?\d{1,10}$/.test(text) || Number(text) === 0) {
    say($('products-message'), 'Type the units to add (5) or remove (-3) for ' + product.sku + '.', 'error');
    return;
  }
  const reply = await api('POST', '/api/admin/products/' + encodeURIComponent(product.sku) + '/stock', { delta: Number(text) });
  if (reply.status === 200) {
    say($('products-message'), product.sku + ' now has ' + reply.body.available + ' in stock.', 'ok');
    replaceRow(reply.body);
  } else {
    say($('products-message'), errorText(reply), 'error');
  }
}

function replaceRow(product) {
  const old = $('products').querySelector('tr[data-sku="' + CSS.escape(product.sku) + '"]');
  if (old) old.replaceWith(productRow(product));
}

function editProduct(product, row) {
  const name = h('input', { class: 'input edit-name', value: product.name, maxlength: '200' });
  const price = h('input', { class: 'input edit-price', inputmode: 'decimal', value: majorUnits(product.unitAmount, product.currency) });
  const save = h('button', { class: 'secondary-button edit-save', type: 'button', text: 'Save' });
  const cancel = h('button', { class: 'link-button', type: 'button', text: 'Cancel', onclick: () => row.replaceWith(productRow(product)) });
  save.addEventListener('click', async () => {
    const minor = parseMoney(price.value, product.currency);
    if (minor === null || minor < 1) {
      say($('products-message'), 'Type a price such as ' + majorUnits(product.unitAmount, product.currency) + '.', 'error');
      return;
    }
    const reply = await api('PATCH', '/api/admin/products/' + encodeURIComponent(product.sku),
      { name: name.value, unitAmount: minor, currency: product.currency });
    if (reply.status === 200) {
      say($('products-message'), 'Saved ' + reply.body.sku + '.', 'ok');
      row.replaceWith(productRow(reply.body));
    } else {
      say($('products-message'), errorText(reply), 'error');
    }
  });
  row.children[1].replaceChildren(name);
  row.children[2].replaceChildren(price);
  row.children[5].replaceChildren(save, ' ', cancel);
}

async function addProduct(e) {
  e.preventDefault();
  const sku = $('new-sku').value.trim();
  const currency = $('new-currency').value.trim().toLowerCase();
  const message = $('products-message');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(sku)) {
    say(message, 'A SKU is 1-64 letters, digits, ".", "_" or "-".', 'error');
    return;
  }
  if (!/^[a-z]{3}$/.test(currency)) {
    say(message, 'The currency is a three-letter code such as usd.', 'error');
    return;
  }
  const minor = parseMoney($('new-price').value, currency);
  if (minor === null || minor < 1) {
    say(message, 'Type a price such as ' + majorUnits(1999, currency) + '.', 'error');
    return;
  }
  const stock = $('new-stock').value.trim();
  if (!/^\d{1,10}$/.test(stock)) {
    say(message, 'Type the units in stock, 0 or more.', 'error');
    return;
  }
  const reply = await api('PUT', '/api/admin/products/' + encodeURIComponent(sku),
    { name: $('new-name').value, unitAmount: minor, currency, available: Number(stock) });
  if (reply.status === 200) {
    $('add-product').reset();
    await reloadProducts();
    say(message, 'Added ' + reply.body.sku + '.', 'ok'); // once the list shows it
  } else {
    say(message, errorText(reply), 'error');
  }
}

// ---- start ---------------------------------------------------------------------------------------------------

function start() {
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const token = $('token').value.trim();
    if (!token) {
      say($('login-error'), 'Type the admin token.', 'error');
      return;
    }
    $('login').disabled = true;
    say($('login-error'), '');
    const problem = await signIn(token);
    $('login').disabled = false;
    if (problem) say($('login-error'), problem, 'error');
  });
  $('logout').addEventListener('click', () => signOut(null));
  $('order-filter').addEventListener('change', (e) => { state.orderFilter = e.target.value; loadOrders(null); });
  $('orders-next').addEventListener('click', () => loadOrders(state.orderLast));
  $('orders-first').addEventListener('click', () => loadOrders(null));
  $('order-close').addEventListener('click', () => { $('order-detail').hidden = true; state.order = null; });
  $('products-more').addEventListener('click', () => loadProducts(true));
  $('add-product').addEventListener('submit', addProduct);
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    signIn(saved).then((problem) => { if (problem) signOut(problem); });
  } else {
    $('token').focus();
  }
}

start();
