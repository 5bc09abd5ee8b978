/*
 * stripe-sandbox: the script of the 3-D Secure test page (/3ds/challenge/...). On the challenge it copies the
 * merchant origin that the sandbox's Stripe.js put in the frame's fragment (#origin=...) into the form, so the
 * answer page knows where it may post its result; on the answer page it posts
 * {type: 'stripe-sandbox-3ds', paymentIntent, outcome} to the parent window at exactly that origin.
 */
(function () {
  'use strict';
  var field = document.getElementById('origin');
  if (field) {
    var m = /(?:^#|&)origin=([^&]*)/.exec(window.location.hash);
    if (m) {
      field.value = decodeURIComponent(m[1]);
    }
  }
  var done = document.getElementById('done');
  if (done && window.parent !== window) {
    var origin = done.getAttribute('data-origin');
    if (origin) {
      window.parent.postMessage({
        type: 'stripe-sandbox-3ds',
        paymentIntent: done.getAttribute('data-payment-intent'),
        outcome: done.getAttribute('data-outcome')
      }, origin);
    }
  }
}());
