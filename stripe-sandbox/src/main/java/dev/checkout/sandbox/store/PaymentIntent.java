package dev.checkout.sandbox.store;

import java.util.List;
import java.util.Map;

/**
 * A PaymentIntent (PaymentIntents spec 2.1), immutable like every stored object; {@link #draft()} copies it into a
 * {@link Draft} whose fields a change sets before {@link Draft#build()} makes the next version.
 *
 * @param canceledAt        Unix seconds, 0 while not canceled
 * @param lastError         the last failed attempt's error, or null
 * @param actionUrl         the pending 3-D Secure page while {@code requires_action} (it ends in the attempt id,
 *                          {@code src_…}), else null
 * @param actionRedirect    whether that attempt answers {@code redirect_to_url} (server confirm with a
 *                          {@code return_url}) rather than {@code use_stripe_sdk}
 * @param automaticMethods  {@code automatic_payment_methods}: null when off, else its {@code allow_redirects}
 *                          ({@code always} or {@code never})
 * @param authenticated     whether the buyer completed 3-D Secure for the current payment method
 */
public record PaymentIntent(String id, String accountId, boolean livemode, long sortKey, long created, long amount,
        String currency, String status, String captureMethod, String confirmationMethod, String clientSecret,
        String description, Map<String, String> metadata, String receiptEmail, String statementDescriptorSuffix,
        Map<String, Object> shipping, String paymentMethod, String latestCharge, long amountCapturable,
        long amountReceived, long canceledAt, String cancellationReason, PaymentError lastError, String actionUrl,
        String returnUrl, boolean actionRedirect, String requestThreeDSecure, String automaticMethods,
        List<String> allowedTypes, List<String> paymentMethodTypes, int confirmations, boolean authenticated)
        implements Stored {

    /** The error of a failed attempt as {@code last_payment_error} shows it (spec 2.6); the method by id. */
    public record PaymentError(String type, String code, String declineCode, String message, String param,
            String charge, String paymentMethod, String adviceCode) {
    }

    public Draft draft() {
        return new Draft(this);
    }

    /** A mutable copy of every field but the id, account and creation. */
    public static final class Draft {
        private final PaymentIntent from;
        public long amount;
        public String currency;
        public String status;
        public String captureMethod;
        public String confirmationMethod;
        public String description;
        public Map<String, String> metadata;
        public String receiptEmail;
        public String statementDescriptorSuffix;
        public Map<String, Object> shipping;
        public String paymentMethod;
        public String latestCharge;
        public long amountCapturable;
        public long amountReceived;
        public long canceledAt;
        public String cancellationReason;
        public PaymentError lastError;
        public String actionUrl;
        public String returnUrl;
        public boolean actionRedirect;
        public String requestThreeDSecure;
        public String automaticMethods;
        public List<String> allowedTypes;
        public List<String> paymentMethodTypes;
        public int confirmations;
        public boolean authenticated;

        private Draft(PaymentIntent p) {
            from = p;
            amount = p.amount;
            currency = p.currency;
            status = p.status;
            captureMethod = p.captureMethod;
            confirmationMethod = p.confirmationMethod;
            description = p.description;
            metadata = p.metadata;
            receiptEmail = p.receiptEmail;
            statementDescriptorSuffix = p.statementDescriptorSuffix;
            shipping = p.shipping;
            paymentMethod = p.paymentMethod;
            latestCharge = p.latestCharge;
            amountCapturable = p.amountCapturable;
            amountReceived = p.amountReceived;
            canceledAt = p.canceledAt;
            cancellationReason = p.cancellationReason;
            lastError = p.lastError;
            actionUrl = p.actionUrl;
            returnUrl = p.returnUrl;
            actionRedirect = p.actionRedirect;
            requestThreeDSecure = p.requestThreeDSecure;
            automaticMethods = p.automaticMethods;
            allowedTypes = p.allowedTypes;
            paymentMethodTypes = p.paymentMethodTypes;
            confirmations = p.confirmations;
            authenticated = p.authenticated;
        }

        /** Leaves {@code requires_action}: no pending attempt any more. */
        public Draft noAction() {
            actionUrl = null;
            returnUrl = null;
            actionRedirect = false;
            return this;
        }

        public PaymentIntent build() {
            return new PaymentIntent(from.id, from.accountId, from.livemode, from.sortKey, from.created, amount,
                    currency, status, captureMethod, confirmationMethod, from.clientSecret, description, metadata,
                    receiptEmail, statementDescriptorSuffix, shipping, paymentMethod, latestCharge, amountCapturable,
                    amountReceived, canceledAt, cancellationReason, lastError, actionUrl, returnUrl,
                    actionRedirect, requestThreeDSecure, automaticMethods, allowedTypes, paymentMethodTypes,
                    confirmations, authenticated);
        }
    }
}
