/*
 * stripe-sandbox's Stripe.js-compatible library (spec section 11): Stripe(), elements(), the card Element and
 * createToken, enough for a storefront written against https://js.stripe.com/v3/ to run unchanged against the
 * sandbox; and for PaymentIntents (PaymentIntents spec 5.3) retrievePaymentIntent, handleCardAction and
 * confirmCardPayment, whose 3-D Secure step shows the sandbox's test page in a modal iframe. A classic script, like Stripe's, so merchants load it with <script src=".../v3/">.
 *
 * Isolation (spec 11.4): the card inputs live in an iframe served from the origin this script came from. This
 * script runs on the merchant's page and never sees a card number: it talks to the frame only through postMessage
 * with an explicit target origin, accepts only messages from that frame's window and origin carrying the
 * element's random nonce, and receives nothing but change metadata and the finished token.
 */
(function () {
  'use strict';

  if (typeof window.Stripe === 'function' && window.Stripe.sandbox === true) {
    return; // loaded twice: keep the first instance and its listeners
  }

  var FRAME_PATH = '/v3/elements-inner-card.html';
  var TOKEN_TIMEOUT_MS = 65000; // the frame's own request times out after 60 s; this only guards a vanished frame
  var LOAD_TIMEOUT_MS = 20000;
  var EVENTS = ['ready', 'change', 'focus', 'blur', 'escape', 'networkschange', 'loaderror'];
  var TOKEN_DATA_FIELDS = ['name', 'address_line1', 'address_line2', 'address_city', 'address_state',
    'address_zip', 'address_country', 'currency'];
  var DEFAULT_CLASSES = {
    base: 'StripeElement',
    complete: 'StripeElement--complete',
    empty: 'StripeElement--empty',
    focus: 'StripeElement--focus',
    invalid: 'StripeElement--invalid',
    webkitAutofill: 'StripeElement--webkit-autofill'
  };

  var FRAME_ORIGIN = libraryOrigin();
  var frameCounter = 0;
  var elementsByNonce = Object.create(null);

  function libraryOrigin() {
    var script = document.currentScript;
    var src = script && script.src;
    if (!src) {
      // loaded asynchronously by a loader that lost currentScript: find ourselves among the scripts
      var scripts = document.getElementsByTagName('script');
      for (var i = scripts.length - 1; i >= 0; i--) {
        if (/\/v3\/?(\?.*)?$/.test(scripts[i].src)) {
          src = scripts[i].src;
          break;
        }
      }
    }
    if (!src) {
      throw new Error('stripe-sandbox: cannot tell which origin this library was loaded from; load it with '
        + '<script src="http://<sandbox>/v3/"></script>.');
    }
    return new URL(src, document.baseURI).origin;
  }

  function IntegrationError(message) {
    var e = new Error(message);
    e.name = 'IntegrationError';
    Object.setPrototypeOf(e, IntegrationError.prototype);
    return e;
  }
  IntegrationError.prototype = Object.create(Error.prototype, {
    constructor: { value: IntegrationError },
    name: { value: 'IntegrationError' }
  });

  function randomHex(bytes) {
    var a = new Uint8Array(bytes);
    crypto.getRandomValues(a);
    var s = '';
    for (var i = 0; i < a.length; i++) {
      s += (a[i] < 16 ? '0' : '') + a[i].toString(16);
    }
    return s;
  }

  /** Options cross into the frame as plain data: functions, DOM nodes and the like are dropped, not cloned. */
  function plain(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  function merge(target, source) {
    var out = {};
    var k;
    for (k in target) {
      if (Object.prototype.hasOwnProperty.call(target, k)) {
        out[k] = target[k];
      }
    }
    for (k in source) {
      if (Object.prototype.hasOwnProperty.call(source, k)) {
        out[k] = source[k];
      }
    }
    return out;
  }

  // ---- messages from the frames --------------------------------------------------------------------------

  window.addEventListener('message', function (event) {
    if (event.origin !== FRAME_ORIGIN) {
      return;
    }
    var m = event.data;
    if (!m || typeof m !== 'object' || m.stripeSandbox !== 1 || typeof m.nonce !== 'string') {
      return;
    }
    var element = elementsByNonce[m.nonce];
    if (!element || !element._frame || event.source !== element._frame.contentWindow) {
      return;
    }
    element._receive(m);
  });

  // ---- Stripe -------------------------------------------------------------------------------------------

  function Stripe(publishableKey, options) {
    if (!(this instanceof Stripe)) {
      return new Stripe(publishableKey, options);
    }
    if (typeof publishableKey !== 'string' || publishableKey === '') {
      throw IntegrationError('Please call Stripe() with your publishable key. You used an empty string.');
    }
    if (/^(sk|rk)_/.test(publishableKey)) {
      throw IntegrationError('You should not use your secret key with Stripe.js. Please pass a publishable key '
        + 'instead.');
    }
    if (!/^pk_/.test(publishableKey)) {
      throw IntegrationError('Invalid value for Stripe(): apiKey should be a publishable key starting with '
        + '"pk_". You specified: ' + publishableKey + '.');
    }
    this._key = publishableKey;
    this._options = options || {};
  }

  Stripe.sandbox = true;
  Stripe.version = 3;

  Stripe.prototype.elements = function (options) {
    return new Elements(this, options || {});
  };

  /**
   * Resolves to {token} or {error}; rejects only for programming mistakes (spec 11.3): a non-Element argument,
   * an Element of another Stripe instance, or one that is not mounted and ready.
   */
  Stripe.prototype.createToken = function (element, data) {
    if (typeof element === 'string') {
      return Promise.reject(IntegrationError('stripe-sandbox supports createToken with a card Element only; '
        + 'token type "' + element + '" is not implemented.'));
    }
    if (!(element instanceof CardElement)) {
      return Promise.reject(IntegrationError('Invalid value for createToken: the first argument must be a '
        + 'card Element created with elements.create(\'card\').'));
    }
    if (element._stripe !== this) {
      return Promise.reject(IntegrationError('The Element you passed to createToken was created by another '
        + 'Stripe instance; call createToken on the instance whose elements() created it.'));
    }
    if (element._destroyed || !element._ready) {
      return Promise.reject(IntegrationError('We could not retrieve data from the specified Element. Please make '
        + 'sure the Element you are attempting to use is still mounted.'));
    }
    var tokenData = {};
    if (data && typeof data === 'object') {
      TOKEN_DATA_FIELDS.forEach(function (f) {
        if (data[f] !== undefined && data[f] !== null && data[f] !== '') {
          tokenData[f] = String(data[f]);
        }
      });
    }
    return element._tokenize(tokenData);
  };

  function unsupported(name) {
    return function () {
      return Promise.resolve({
        error: {
          type: 'invalid_request_error',
          code: 'unsupported_by_sandbox',
          message: 'stripe.' + name + ' is not implemented by the stripe-sandbox library, which offers '
            + 'createToken with the card Element; load https://js.stripe.com/v3/ for ' + name + '.'
        }
      });
    };
  }
  ['createPaymentMethod', 'confirmCardSetup', 'confirmPayment', 'createSource', 'retrieveSource']
    .forEach(function (name) {
      Stripe.prototype[name] = unsupported(name);
    });

  // ---- PaymentIntents (PaymentIntents spec 5.3): retrieve, confirm, and the 3-D Secure modal ------------------

  var SECRET_PATTERN = /^(pi_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/;
  var THREE_DS_MESSAGE = 'stripe-sandbox-3ds';

  function intentId(clientSecret, method) {
    var m = typeof clientSecret === 'string' ? SECRET_PATTERN.exec(clientSecret) : null;
    if (!m) {
      throw IntegrationError('Invalid value for ' + method + ': the first argument must be a PaymentIntent client '
        + 'secret, of the form pi_..._secret_...; you passed ' + (typeof clientSecret === 'string'
        ? '"' + clientSecret + '"' : typeof clientSecret) + '.');
    }
    return m[1];
  }

  function form(params) {
    return Object.keys(params).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]);
    }).join('&');
  }

  /** One call of the sandbox API with the publishable key; resolves the parsed body and the HTTP status. */
  Stripe.prototype._api = function (method, path, params) {
    var all = merge({ key: this._key }, params);
    var url = FRAME_ORIGIN + path;
    var init = { method: method, credentials: 'omit', cache: 'no-store' };
    if (method === 'GET') {
      url += '?' + form(all);
    } else {
      init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
      init.body = form(all);
    }
    return fetch(url, init).then(function (res) {
      return res.json().then(function (body) {
        return { status: res.status, body: body };
      });
    }, function () {
      return { status: 0, body: { error: { type: 'api_connection_error', message: 'Could not reach the payment '
        + 'sandbox at ' + FRAME_ORIGIN + '. Check your connection and try again.' } } };
    });
  };

  /** {paymentIntent} for a readable intent, {error} (with the intent, if any) otherwise. */
  function intentResult(answer) {
    if (answer.body && answer.body.error) {
      return { error: answer.body.error };
    }
    var pi = answer.body;
    if (pi.status === 'requires_payment_method' && pi.last_payment_error) {
      return { error: merge(pi.last_payment_error, { payment_intent: pi }) };
    }
    return { paymentIntent: pi };
  }

  Stripe.prototype.retrievePaymentIntent = function (clientSecret) {
    var id;
    try {
      id = intentId(clientSecret, 'retrievePaymentIntent');
    } catch (e) {
      return Promise.reject(e);
    }
    return this._api('GET', '/v1/payment_intents/' + encodeURIComponent(id), { client_secret: clientSecret })
      .then(function (answer) {
        return answer.body && answer.body.error ? { error: answer.body.error } : { paymentIntent: answer.body };
      });
  };

  /**
   * Runs the pending 3-D Secure step of an intent in requires_action (manual confirmation: it ends in
   * requires_confirmation and the server confirms again). Resolves {paymentIntent} after "Complete", {error} after
   * "Fail" or a decline; rejects for an intent that is not waiting for an action (an integration mistake).
   */
  Stripe.prototype.handleCardAction = function (clientSecret) {
    var self = this;
    var id;
    try {
      id = intentId(clientSecret, 'handleCardAction');
    } catch (e) {
      return Promise.reject(e);
    }
    return this._api('GET', '/v1/payment_intents/' + encodeURIComponent(id), { client_secret: clientSecret })
      .then(function (answer) {
        if (answer.body && answer.body.error) {
          return { error: answer.body.error };
        }
        var pi = answer.body;
        if (pi.status !== 'requires_action') {
          throw IntegrationError('handleCardAction: PaymentIntent ' + pi.id + ' has status ' + pi.status
            + ' and needs no action. Call handleCardAction only for an intent in requires_action.');
        }
        return self._authenticate(pi, clientSecret);
      });
  };

  /** The URL of the intent's test challenge page, from either next_action shape. */
  function challengeUrl(pi) {
    var action = pi.next_action;
    if (!action) {
      return null;
    }
    if (action.type === 'use_stripe_sdk' && action.use_stripe_sdk) {
      return action.use_stripe_sdk.stripe_js;
    }
    if (action.type === 'redirect_to_url' && action.redirect_to_url) {
      return action.redirect_to_url.url;
    }
    return null;
  }

  /** Shows the challenge page in a modal iframe; resolves like handleCardAction once the buyer pressed a button. */
  Stripe.prototype._authenticate = function (pi, clientSecret) {
    var self = this;
    var found = challengeUrl(pi);
    var path = found ? new URL(found, FRAME_ORIGIN).pathname : '';
    // the page is this library's own sandbox: open it at the origin the library came from, even when the merchant's
    // server reached the sandbox under another host name (a container name, say)
    var url = path.indexOf('/3ds/challenge/') === 0 ? FRAME_ORIGIN + path : null;
    if (!url) {
      return Promise.resolve({ error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state',
        message: 'PaymentIntent ' + pi.id + ' has no 3-D Secure page of this sandbox to show.',
        payment_intent: pi } });
    }
    return new Promise(function (resolve) {
      var overlay = document.createElement('div');
      overlay.setAttribute('data-stripe-sandbox', '3ds-modal');
      overlay.setAttribute('role', 'dialog');
      overlay.setAttribute('aria-modal', 'true');
      overlay.setAttribute('aria-label', '3D Secure authentication');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;'
        + 'justify-content:center;background:rgba(0,0,0,0.5)';
      var frame = document.createElement('iframe');
      frame.name = '__stripeSandbox3ds';
      frame.title = '3D Secure authentication';
      frame.style.cssText = 'width:min(500px,100vw);height:min(600px,100vh);border:0;border-radius:8px;'
        + 'background:#fff';
      // our origin travels in the fragment, never to the server: the page posts its result back to exactly it
      frame.src = url + '#origin=' + encodeURIComponent(window.location.origin);
      overlay.appendChild(frame);
      document.body.appendChild(overlay);

      function onMessage(event) {
        var m = event.data;
        if (event.origin !== FRAME_ORIGIN || event.source !== frame.contentWindow || !m
          || typeof m !== 'object' || m.type !== THREE_DS_MESSAGE || m.paymentIntent !== pi.id) {
          return;
        }
        window.removeEventListener('message', onMessage);
        overlay.parentNode.removeChild(overlay);
        self._api('GET', '/v1/payment_intents/' + encodeURIComponent(pi.id), { client_secret: clientSecret })
          .then(function (answer) {
            resolve(intentResult(answer));
          });
      }
      window.addEventListener('message', onMessage);
    });
  };

  /**
   * Client-side confirmation (PaymentIntents spec 5.3): data.payment_method is a pm_... id, {card: {token}} or
   * {card: cardElement} (tokenized first, as createToken does). A 3-D Secure step runs in the modal unless
   * options.handleActions is false.
   */
  Stripe.prototype.confirmCardPayment = function (clientSecret, data, options) {
    var self = this;
    var id;
    try {
      id = intentId(clientSecret, 'confirmCardPayment');
    } catch (e) {
      return Promise.reject(e);
    }
    var method = data && data.payment_method;
    var params = { client_secret: clientSecret, expected_payment_method_type: 'card', use_stripe_sdk: 'true' };
    if (data && data.return_url) {
      params.return_url = data.return_url;
    }
    if (data && data.receipt_email) {
      params.receipt_email = data.receipt_email;
    }
    var ready;
    if (typeof method === 'string') {
      params.payment_method = method;
      ready = Promise.resolve(params);
    } else if (method && method.card instanceof CardElement) {
      ready = this.createToken(method.card).then(function (r) {
        if (r.error) {
          return r;
        }
        params['payment_method_data[type]'] = 'card';
        params['payment_method_data[card][token]'] = r.token.id;
        return params;
      });
    } else if (method && method.card && typeof method.card.token === 'string') {
      params['payment_method_data[type]'] = 'card';
      params['payment_method_data[card][token]'] = method.card.token;
      ready = Promise.resolve(params);
    } else if (method === undefined) {
      ready = Promise.resolve(params);
    } else {
      return Promise.reject(IntegrationError('Invalid value for confirmCardPayment: payment_method must be a '
        + 'PaymentMethod id, {card: cardElement} or {card: {token: "tok_..."}}.'));
    }
    return ready.then(function (p) {
      if (p.error) {
        return p;
      }
      return self._api('POST', '/v1/payment_intents/' + encodeURIComponent(id) + '/confirm', p)
        .then(function (answer) {
          if (answer.body && answer.body.error) {
            return { error: answer.body.error };
          }
          var pi = answer.body;
          if (pi.status === 'requires_action' && !(options && options.handleActions === false)) {
            return self._authenticate(pi, clientSecret);
          }
          return { paymentIntent: pi };
        });
    });
  };

  // ---- Elements -----------------------------------------------------------------------------------------

  function Elements(stripe, options) {
    this._stripe = stripe;
    this._options = options;
    this._elements = Object.create(null);
  }

  Elements.prototype.create = function (type, options) {
    if (type !== 'card') {
      throw IntegrationError('stripe-sandbox implements the card Element only; elements.create(\''
        + type + '\') is not available.');
    }
    if (this._elements.card) {
      throw IntegrationError('Can only create one Element of type card.');
    }
    var element = new CardElement(this, options || {});
    this._elements.card = element;
    return element;
  };

  Elements.prototype.getElement = function (type) {
    return this._elements[type] || null;
  };

  Elements.prototype.update = function (options) {
    // locale and fonts: the sandbox frame is English and uses system fonts; kept for API compatibility
    this._options = merge(this._options, options || {});
  };

  // ---- the card Element -----------------------------------------------------------------------------------

  function CardElement(group, options) {
    this._group = group;
    this._stripe = group._stripe;
    this._options = options;
    this._classes = merge(DEFAULT_CLASSES, options.classes || {});
    this._listeners = Object.create(null);
    this._nonce = randomHex(16);
    this._pending = Object.create(null);
    this._container = null;
    this._wrapper = null;
    this._frame = null;
    this._ready = false;
    this._destroyed = false;
    this._state = { empty: true, complete: false, invalid: false, focus: false, autofill: false };
    this._loadTimer = null;
  }

  CardElement.prototype._alive = function () {
    if (this._destroyed) {
      throw IntegrationError('This Element has already been destroyed. Please create a new one.');
    }
  };

  CardElement.prototype.mount = function (target) {
    this._alive();
    var node = target;
    if (typeof target === 'string') {
      node = document.querySelector(target);
      if (!node) {
        throw IntegrationError('The selector you specified (' + target + ') applies to no DOM elements that are '
          + 'currently on the page. Make sure the element exists on the page before calling mount().');
      }
    }
    if (!(node instanceof HTMLElement)) {
      throw IntegrationError('Invalid DOM element. Make sure to call mount() with a valid DOM element or '
        + 'selector.');
    }
    if (this._frame) {
      throw IntegrationError('This Element is already mounted. Use `unmount()` to unmount the Element before '
        + 're-mounting.');
    }
    if (/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(node.tagName)) {
      throw IntegrationError('Elements cannot be mounted in a ' + node.tagName.toLowerCase() + ' element; mount '
        + 'the card Element in a <div>.');
    }
    this._container = node;
    var wrapper = document.createElement('div');
    wrapper.className = '__PrivateStripeElement';
    wrapper.style.cssText = 'margin:0!important;padding:0!important;border:none!important;display:block!important;'
      + 'background:transparent!important;position:relative!important;opacity:1!important';
    var frame = document.createElement('iframe');
    frameCounter += 1;
    frame.name = '__privateStripeFrame' + frameCounter;
    frame.title = 'Secure card payment input frame';
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('allowtransparency', 'true');
    frame.setAttribute('scrolling', 'no');
    frame.setAttribute('role', 'presentation');
    frame.allow = 'payment *';
    frame.style.cssText = 'border:none!important;margin:0!important;padding:0!important;width:1px!important;'
      + 'min-width:100%!important;overflow:hidden!important;display:block!important;user-select:none!important;'
      + 'height:1.2em';
    // the nonce and our origin travel in the fragment: never sent to the server, read once by the frame
    frame.src = FRAME_ORIGIN + FRAME_PATH + '#nonce=' + this._nonce + '&origin='
      + encodeURIComponent(window.location.origin);
    wrapper.appendChild(frame);
    node.appendChild(wrapper);
    this._wrapper = wrapper;
    this._frame = frame;
    elementsByNonce[this._nonce] = this;
    this._paintClasses();
    var self = this;
    this._loadTimer = setTimeout(function () {
      if (!self._ready && self._frame === frame) {
        self._emit('loaderror', {
          elementType: 'card',
          error: { type: 'api_connection_error', message: 'The card field could not be loaded from '
            + FRAME_ORIGIN + '. Check that the payment sandbox is running.' }
        });
      }
    }, LOAD_TIMEOUT_MS);
  };

  CardElement.prototype._post = function (message) {
    if (!this._frame || !this._frame.contentWindow) {
      return false;
    }
    message.stripeSandbox = 1;
    message.nonce = this._nonce;
    this._frame.contentWindow.postMessage(message, FRAME_ORIGIN);
    return true;
  };

  CardElement.prototype._frameOptions = function () {
    var o = this._options;
    return plain({
      style: o.style,
      hidePostalCode: !!o.hidePostalCode,
      hideIcon: !!o.hideIcon,
      iconStyle: o.iconStyle,
      disabled: !!o.disabled,
      value: o.value && typeof o.value === 'object' ? { postalCode: o.value.postalCode } : undefined,
      placeholder: o.placeholder
    });
  };

  CardElement.prototype._receive = function (m) {
    switch (m.type) {
      case 'load':
        this._post({ type: 'init', key: this._stripe._key, options: this._frameOptions() });
        break;
      case 'ready':
        clearTimeout(this._loadTimer);
        this._ready = true;
        this._emit('ready', { elementType: 'card' });
        break;
      case 'resize':
        if (typeof m.height === 'number' && m.height > 0 && m.height < 2000) {
          this._frame.style.height = Math.ceil(m.height) + 'px';
        }
        break;
      case 'change':
        this._state.empty = !!m.empty;
        this._state.complete = !!m.complete;
        this._state.invalid = !!m.error;
        this._paintClasses();
        this._emit('change', {
          elementType: 'card',
          empty: !!m.empty,
          complete: !!m.complete,
          brand: typeof m.brand === 'string' ? m.brand : 'unknown',
          value: { postalCode: typeof m.postalCode === 'string' ? m.postalCode : '' },
          error: m.error ? { type: 'validation_error', code: String(m.error.code),
            message: String(m.error.message) } : undefined
        });
        break;
      case 'focus':
      case 'blur':
        this._state.focus = m.type === 'focus';
        this._paintClasses();
        this._emit(m.type, { elementType: 'card' });
        break;
      case 'escape':
        this._emit('escape', { elementType: 'card' });
        break;
      case 'autofill':
        this._state.autofill = !!m.on;
        this._paintClasses();
        break;
      case 'token':
        var pending = this._pending[m.requestId];
        if (pending) {
          delete this._pending[m.requestId];
          clearTimeout(pending.timer);
          pending.resolve(m.result && (m.result.token || m.result.error) ? m.result
            : { error: { type: 'api_error', message: 'The card frame answered without a token or an error.' } });
        }
        break;
      default:
        break;
    }
  };

  CardElement.prototype._tokenize = function (data) {
    var self = this;
    var requestId = randomHex(8);
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        delete self._pending[requestId];
        resolve({ error: { type: 'api_connection_error', message: 'The card frame did not answer in time. '
          + 'Please try again.' } });
      }, TOKEN_TIMEOUT_MS);
      self._pending[requestId] = { resolve: resolve, reject: reject, timer: timer };
      self._post({ type: 'createToken', requestId: requestId, data: data });
    });
  };

  CardElement.prototype._paintClasses = function () {
    var c = this._container;
    if (!c) {
      return;
    }
    var k = this._classes;
    toggle(c, k.base, true);
    toggle(c, k.empty, this._state.empty);
    toggle(c, k.complete, this._state.complete);
    toggle(c, k.invalid, this._state.invalid);
    toggle(c, k.focus, this._state.focus);
    toggle(c, k.webkitAutofill, this._state.autofill);
  };

  function toggle(node, classNames, on) {
    if (!classNames) {
      return;
    }
    String(classNames).split(/\s+/).forEach(function (name) {
      if (name) {
        node.classList.toggle(name, !!on);
      }
    });
  }

  CardElement.prototype._clearClasses = function () {
    var c = this._container;
    if (!c) {
      return;
    }
    var k = this._classes;
    Object.keys(k).forEach(function (key) {
      toggle(c, k[key], false);
    });
  };

  CardElement.prototype._emit = function (event, payload) {
    var handlers = (this._listeners[event] || []).slice();
    for (var i = 0; i < handlers.length; i++) {
      var h = handlers[i];
      if (h.once) {
        this.off(event, h.fn);
      }
      try {
        h.fn(payload);
      } catch (e) {
        // a merchant handler's bug must not stop the other handlers; report it like an uncaught error
        setTimeout(function () {
          throw e;
        });
      }
    }
  };

  CardElement.prototype.on = function (event, handler) {
    this._alive();
    if (EVENTS.indexOf(event) < 0) {
      throw IntegrationError('The card Element does not emit "' + event + '" events; use one of '
        + EVENTS.join(', ') + '.');
    }
    if (typeof handler !== 'function') {
      throw IntegrationError('Element.on(\'' + event + '\', handler) needs a function as handler.');
    }
    (this._listeners[event] = this._listeners[event] || []).push({ fn: handler, once: false });
    return this;
  };

  CardElement.prototype.once = function (event, handler) {
    this.on(event, handler);
    var list = this._listeners[event];
    list[list.length - 1].once = true;
    return this;
  };

  CardElement.prototype.off = function (event, handler) {
    var list = this._listeners[event];
    if (!list) {
      return this;
    }
    if (handler === undefined) {
      delete this._listeners[event];
      return this;
    }
    for (var i = 0; i < list.length; i++) {
      if (list[i].fn === handler) {
        list.splice(i, 1);
        break;
      }
    }
    return this;
  };

  CardElement.prototype.update = function (options) {
    this._alive();
    options = options || {};
    this._options = merge(this._options, options);
    if (options.classes) {
      this._clearClasses();
      this._classes = merge(DEFAULT_CLASSES, this._options.classes || {});
      this._paintClasses();
    }
    if (this._ready) {
      this._post({ type: 'update', options: this._frameOptions() });
    }
  };

  CardElement.prototype.clear = function () {
    this._alive();
    this._post({ type: 'clear' });
  };

  CardElement.prototype.focus = function () {
    this._alive();
    if (this._frame) {
      this._frame.focus();
      this._post({ type: 'focus' });
    }
  };

  CardElement.prototype.blur = function () {
    this._alive();
    this._post({ type: 'blur' });
  };

  CardElement.prototype.unmount = function () {
    this._alive();
    if (!this._frame) {
      return;
    }
    clearTimeout(this._loadTimer);
    this._wrapper.parentNode && this._wrapper.parentNode.removeChild(this._wrapper);
    this._clearClasses();
    delete elementsByNonce[this._nonce];
    var pending = this._pending;
    this._pending = Object.create(null);
    Object.keys(pending).forEach(function (id) {
      clearTimeout(pending[id].timer);
      pending[id].reject(IntegrationError('We could not retrieve data from the specified Element. Please make '
        + 'sure the Element you are attempting to use is still mounted.'));
    });
    // a remount gets a fresh frame and a fresh nonce: messages of the old frame are ignored from now on
    this._nonce = randomHex(16);
    this._frame = null;
    this._wrapper = null;
    this._container = null;
    this._ready = false;
    this._state = { empty: true, complete: false, invalid: false, focus: false, autofill: false };
  };

  CardElement.prototype.destroy = function () {
    if (this._destroyed) {
      return;
    }
    if (this._frame) {
      this.unmount();
    }
    this._destroyed = true;
    this._listeners = Object.create(null);
    if (this._group._elements.card === this) {
      delete this._group._elements.card;
    }
  };

  window.Stripe = Stripe;
})();
