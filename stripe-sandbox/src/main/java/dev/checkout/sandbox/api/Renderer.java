package dev.checkout.sandbox.api;

import dev.checkout.sandbox.json.JsonWriter;
import dev.checkout.sandbox.store.Card;
import dev.checkout.sandbox.store.Charge;
import dev.checkout.sandbox.store.Dispute;
import dev.checkout.sandbox.store.Event;
import dev.checkout.sandbox.card.Behaviour;
import dev.checkout.sandbox.store.Outcome;
import dev.checkout.sandbox.store.PaymentIntent;
import dev.checkout.sandbox.store.PaymentMethod;
import dev.checkout.sandbox.store.Refund;
import dev.checkout.sandbox.store.Token;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Stripe's JSON for tokens, cards, charges, refunds and lists (spec 3.3, 4.3, 5.2, 10.1, 14). */
final class Renderer {
    private final String receiptBase;
    private final String statementDescriptor;

    Renderer(String receiptBase, String statementDescriptor) {
        this.receiptBase = receiptBase;
        this.statementDescriptor = statementDescriptor;
    }

    void token(JsonWriter w, Token t) {
        w.beginObject();
        w.field("id", t.id());
        w.field("object", "token");
        w.name("card");
        card(w, t.card(), false);
        w.field("client_ip", t.clientIp());
        w.field("created", t.created());
        w.field("livemode", t.livemode());
        w.field("type", "card");
        w.field("used", t.used());
        w.endObject();
    }

    /** The Card object; as a charge's {@code source} it also carries {@code customer: null} (spec 4.3). */
    void card(JsonWriter w, Card c, boolean asSource) {
        w.beginObject();
        w.field("id", c.id());
        w.field("object", "card");
        w.field("address_city", c.addressCity());
        w.field("address_country", c.addressCountry());
        w.field("address_line1", c.addressLine1());
        w.field("address_line1_check", c.addressLine1Check());
        w.field("address_line2", c.addressLine2());
        w.field("address_state", c.addressState());
        w.field("address_zip", c.addressZip());
        w.field("address_zip_check", c.addressZipCheck());
        w.field("brand", c.brand().title());
        w.field("country", c.country());
        if (asSource) {
            w.nullField("customer");
        }
        w.field("cvc_check", c.cvcCheck());
        w.nullField("dynamic_last4");
        w.field("exp_month", c.expMonth());
        w.field("exp_year", c.expYear());
        w.field("fingerprint", c.fingerprint());
        w.field("funding", c.funding());
        w.field("last4", c.last4());
        w.field("metadata", Map.of());
        w.field("name", c.name());
        w.name("networks").beginObject().nullField("preferred").endObject();
        w.field("regulated_status", "unregulated");
        w.nullField("tokenization_method");
        w.endObject();
    }

    void charge(JsonWriter w, Charge c, Set<String> expand, Function<String, Refund> refunds) {
        w.beginObject();
        w.field("id", c.id());
        w.field("object", "charge");
        w.field("amount", c.amount());
        w.field("amount_captured", c.amountCaptured());
        w.field("amount_refunded", c.amountRefunded());
        w.nullField("application");
        w.nullField("application_fee");
        w.nullField("application_fee_amount");
        w.name("balance_transaction");
        if (c.balanceTransaction() != null && expand.contains("balance_transaction")) {
            balanceTransaction(w, c.balanceTransaction(), c.amountCaptured(), c.currency(), c.created(), "charge",
                    c.id());
        } else {
            w.value(c.balanceTransaction());
        }
        Card card = c.card();
        w.name("billing_details").beginObject();
        w.name("address").beginObject();
        w.field("city", card.addressCity());
        w.field("country", card.addressCountry());
        w.field("line1", card.addressLine1());
        w.field("line2", card.addressLine2());
        w.field("postal_code", card.addressZip());
        w.field("state", card.addressState());
        w.endObject();
        w.nullField("email").field("name", card.name()).nullField("phone").nullField("tax_id");
        w.endObject();
        w.field("calculated_statement_descriptor", calculatedDescriptor(c));
        w.field("captured", c.captured());
        w.field("created", c.created());
        w.field("currency", c.currency());
        w.nullField("customer");
        w.field("description", c.description());
        w.nullField("destination");
        w.nullField("dispute"); // the legacy field; null even when disputed, as Stripe's now (spec 6.1)
        w.field("disputed", c.disputed());
        w.nullField("failure_balance_transaction");
        w.field("failure_code", c.failureCode());
        w.field("failure_message", c.failureMessage());
        w.name("fraud_details").beginObject();
        if (c.fraudUserReport() != null) {
            w.field("user_report", c.fraudUserReport());
        }
        if (c.outcome() != null && "blocked".equals(c.outcome().type())) {
            w.field("stripe_report", "fraudulent");
        }
        w.endObject();
        w.field("livemode", c.livemode());
        w.field("metadata", c.metadata());
        w.nullField("on_behalf_of");
        w.nullField("order");
        outcome(w, c.outcome());
        w.field("paid", c.paid());
        w.field("payment_intent", c.paymentIntent());
        w.field("payment_method", card.id());
        paymentMethodDetails(w, c);
        w.name("radar_options").beginObject().endObject();
        w.field("receipt_email", c.receiptEmail());
        w.nullField("receipt_number");
        w.field("receipt_url", c.failed() ? null : receiptBase + c.id());
        w.field("refunded", c.refunded());
        if (expand.contains("refunds")) {
            w.name("refunds");
            List<String> ids = c.refundIds();
            w.beginObject().field("object", "list").name("data").beginArray();
            for (int i = ids.size() - 1; i >= 0; i--) {
                Refund r = refunds.apply(ids.get(i));
                if (r != null) {
                    refund(w, r, Set.of(), null);
                }
            }
            w.endArray().field("has_more", false).field("total_count", ids.size())
                    .field("url", "/v1/charges/" + c.id() + "/refunds").endObject();
        }
        w.nullField("review");
        w.name("shipping").tree(c.shipping());
        w.name("source");
        if (c.paymentIntent() != null) {
            w.nullValue(); // PaymentIntents spec 2.14: an intent's charge has a payment_method, no source
        } else {
            card(w, card, true);
        }
        w.nullField("source_transfer");
        w.field("statement_descriptor", c.statementDescriptor());
        w.field("statement_descriptor_suffix", c.statementDescriptorSuffix());
        w.field("status", c.status());
        w.nullField("transfer_data");
        w.field("transfer_group", c.transferGroup());
        w.endObject();
    }

    private String calculatedDescriptor(Charge c) {
        if (c.failed()) {
            return null;
        }
        String suffix = c.statementDescriptorSuffix() != null ? c.statementDescriptorSuffix() : c.statementDescriptor();
        String full = suffix == null ? statementDescriptor : statementDescriptor + "* " + suffix;
        return full.length() > 22 ? full.substring(0, 22) : full;
    }

    private void outcome(JsonWriter w, Outcome o) {
        w.name("outcome").beginObject();
        w.field("advice_code", o.adviceCode());
        w.nullField("network_advice_code");
        w.nullField("network_decline_code");
        w.field("network_status", o.networkStatus());
        w.field("reason", o.reason());
        w.field("risk_level", o.riskLevel());
        w.field("risk_score", o.riskScore());
        w.nullField("rule");
        w.field("seller_message", o.sellerMessage());
        w.field("type", o.type());
        w.endObject();
    }

    private void paymentMethodDetails(JsonWriter w, Charge c) {
        Card card = c.card();
        w.name("payment_method_details").beginObject();
        w.name("card").beginObject();
        w.field("amount_authorized", c.failed() ? 0 : c.amount());
        w.field("authorization_code", c.failed() ? null : "000000");
        w.field("brand", card.brand().code());
        w.name("checks").beginObject();
        w.field("address_line1_check", card.addressLine1Check());
        w.field("address_postal_code_check", card.addressZipCheck());
        w.field("cvc_check", card.cvcCheck());
        w.endObject();
        w.field("country", card.country());
        w.field("exp_month", card.expMonth());
        w.field("exp_year", card.expYear());
        w.name("extended_authorization").beginObject().field("status", "disabled").endObject();
        w.field("fingerprint", card.fingerprint());
        w.field("funding", card.funding());
        w.name("incremental_authorization").beginObject().field("status", "unavailable").endObject();
        w.nullField("installments");
        w.field("last4", card.last4());
        w.nullField("mandate");
        w.name("multicapture").beginObject().field("status", "unavailable").endObject();
        w.field("network", card.brand().code());
        w.name("network_token").beginObject().field("used", false).endObject();
        w.field("network_transaction_id", c.failed() ? null : "000000000000000");
        w.name("overcapture").beginObject().field("maximum_amount_capturable", c.amount())
                .field("status", "unavailable").endObject();
        w.field("regulated_status", "unregulated");
        if (c.threeDSecure()) {
            // PaymentIntents spec 5.5: what the sandbox's challenge reports after "Complete"
            w.name("three_d_secure").beginObject();
            w.field("authentication_flow", "challenge");
            w.field("electronic_commerce_indicator", "05");
            w.nullField("exemption_indicator");
            w.field("result", "authenticated");
            w.nullField("result_reason");
            w.field("transaction_id", "3ds_" + c.id().substring(3));
            w.field("version", "2.2.0");
            w.endObject();
        } else {
            w.nullField("three_d_secure");
        }
        w.nullField("wallet");
        w.endObject();
        w.field("type", "card");
        w.endObject();
    }

    void refund(JsonWriter w, Refund r, Set<String> expand, Function<String, Charge> charges) {
        w.beginObject();
        w.field("id", r.id());
        w.field("object", "refund");
        w.field("amount", r.amount());
        w.name("balance_transaction");
        if (r.balanceTransaction() != null && expand.contains("balance_transaction")) {
            balanceTransaction(w, r.balanceTransaction(), -r.amount(), r.currency(), r.created(), "refund", r.id());
        } else {
            w.value(r.balanceTransaction());
        }
        w.name("charge");
        Charge ch = charges != null && expand.contains("charge") ? charges.apply(r.chargeId()) : null;
        if (ch != null) {
            charge(w, ch, Set.of(), id -> null);
        } else {
            w.value(r.chargeId());
        }
        w.field("created", r.created());
        w.field("currency", r.currency());
        w.nullField("customer");
        w.nullField("customer_account");
        w.name("destination_details").beginObject();
        w.name("card").beginObject();
        w.nullField("reference");
        w.field("reference_status", "reversal".equals(r.destinationType()) ? "unavailable" : "pending");
        w.field("reference_type", "reversal".equals(r.destinationType()) ? null : "acquirer_reference_number");
        w.field("type", r.destinationType());
        w.endObject();
        w.field("type", "card");
        w.endObject();
        w.field("metadata", r.metadata());
        w.field("payment_intent", r.paymentIntent());
        w.field("payment_method", r.paymentMethod());
        w.field("reason", r.reason());
        w.nullField("receipt_number");
        w.nullField("source_transfer_reversal");
        w.field("status", "succeeded");
        w.nullField("transfer_reversal");
        w.endObject();
    }

    /** A minimal balance transaction for {@code expand[]=balance_transaction}: no fees in the sandbox. */
    private void balanceTransaction(JsonWriter w, String id, long amount, String currency, long created, String type,
            String source) {
        w.beginObject();
        w.field("id", id);
        w.field("object", "balance_transaction");
        w.field("amount", amount);
        w.field("available_on", created);
        w.field("created", created);
        w.field("currency", currency);
        w.nullField("description");
        w.field("fee", 0);
        w.name("fee_details").beginArray().endArray();
        w.field("net", amount);
        w.field("reporting_category", type);
        w.field("source", source);
        w.field("status", "available");
        w.field("type", type);
        w.endObject();
    }

    /**
     * An event (spec 13.1): its object as it was right after the change, rendered with the API version
     * {@code apiVersion}, and, where the event has a previous record, {@code previous_attributes} with the old values
     * of the top-level fields that changed.
     */
    void event(JsonWriter w, Event e, String apiVersion, Ledger ledger) {
        w.beginObject();
        w.field("id", e.id());
        w.field("object", "event");
        w.field("api_version", apiVersion);
        w.field("created", e.created());
        w.name("data").beginObject().name("object");
        if (e.aboutDispute()) {
            Dispute now = ledger.disputes.decode(e.object());
            dispute(w, now);
            if (e.previous() != null) {
                disputePreviousAttributes(w, ledger.disputes.decode(e.previous()), now);
            }
        } else if (e.aboutRefund()) {
            Refund now = ledger.refunds.decode(e.object());
            refund(w, now, Set.of(), ledger::chargeById);
            if (e.previous() != null) {
                Refund before = ledger.refunds.decode(e.previous());
                w.name("previous_attributes").beginObject();
                if (!before.metadata().equals(now.metadata())) {
                    w.field("metadata", before.metadata());
                }
                w.endObject();
            }
        } else if (e.aboutPaymentIntent()) {
            paymentIntent(w, ledger.paymentIntents.decode(e.object()), Set.of(), false, ledger);
        } else {
            Charge now = ledger.charges.decode(e.object());
            charge(w, now, Set.of(), ledger::refundById);
            if (e.previous() != null) {
                previousAttributes(w, ledger.charges.decode(e.previous()), now);
            }
        }
        w.endObject();
        w.field("livemode", e.livemode());
        w.field("pending_webhooks", e.pendingWebhooks());
        w.name("request").beginObject().field("id", e.requestId()).field("idempotency_key", e.idempotencyKey())
                .endObject();
        w.field("type", e.type());
        w.endObject();
    }

    /** A dispute object (PaymentIntents spec 6.1) with nothing expanded, as events carry it. */
    void dispute(JsonWriter w, Dispute d) {
        dispute(w, d, Set.of(), null);
    }

    /**
     * A dispute object (PaymentIntents spec 6.1): every evidence field, null until supplied; the withdrawal and
     * reinstatement as full balance transactions; {@code charge} and {@code payment_intent} expanded when asked
     * (then {@code ledger} finds them).
     */
    void dispute(JsonWriter w, Dispute d, Set<String> expand, Ledger ledger) {
        w.beginObject();
        w.field("id", d.id());
        w.field("object", "dispute");
        w.field("amount", d.amount());
        w.name("balance_transactions").beginArray();
        if (d.withdrawnAt() != 0) {
            disputeTransaction(w, d.withdrawalId(), -d.amount(), Dispute.FEE, d, d.withdrawnAt(),
                    "Chargeback withdrawal for " + d.chargeId());
        }
        if (d.reinstatedAt() != 0) {
            disputeTransaction(w, d.reinstatementId(), d.amount(), -Dispute.FEE, d, d.reinstatedAt(),
                    "Chargeback reversal for " + d.chargeId());
        }
        w.endArray();
        w.name("charge");
        Charge charge = expand.contains("charge") && ledger != null ? ledger.chargeById(d.chargeId()) : null;
        if (charge != null) {
            charge(w, charge, Set.of(), ledger::refundById);
        } else {
            w.value(d.chargeId());
        }
        w.field("created", d.created());
        w.field("currency", d.currency());
        w.name("enhanced_eligibility_types").beginArray().endArray();
        disputeEvidence(w, d);
        disputeEvidenceDetails(w, d);
        w.field("is_charge_refundable", d.inquiry() && !d.closed());
        w.field("livemode", d.livemode());
        w.field("metadata", d.metadata());
        w.nullField("network_reason_code");
        w.name("payment_intent");
        PaymentIntent intent = d.paymentIntent() != null && expand.contains("payment_intent") && ledger != null
                ? ledger.paymentIntents.byId(d.paymentIntent()) : null;
        if (intent != null) {
            paymentIntent(w, intent, Set.of(), false, ledger);
        } else {
            w.value(d.paymentIntent());
        }
        w.name("payment_method_details").beginObject().field("type", "card")
                .name("card").beginObject().field("brand", "visa")
                .field("case_type", d.inquiry() ? "inquiry" : "chargeback").field("network", "visa")
                .nullField("network_reason_code").endObject()
                .endObject();
        w.field("reason", d.reason());
        w.field("status", d.status());
        w.endObject();
    }

    private static void disputeEvidence(JsonWriter w, Dispute d) {
        w.name("evidence").beginObject();
        for (String f : DisputeEndpoints.EVIDENCE) {
            w.field(f, d.evidence().get(f));
        }
        w.name("enhanced_evidence").beginObject().endObject();
        w.endObject();
    }

    private static void disputeEvidenceDetails(JsonWriter w, Dispute d) {
        w.name("evidence_details").beginObject()
                .field("due_by", d.dueBy())
                .field("has_evidence", !d.evidence().isEmpty()).field("past_due", false)
                .field("submission_count", d.submissionCount())
                .name("enhanced_eligibility").beginObject().endObject()
                .endObject();
    }

    /** A withdrawal (negative amount, the fee charged) or a reinstatement (positive, the fee credited back). */
    private static void disputeTransaction(JsonWriter w, String id, long amount, long fee, Dispute d, long created,
            String description) {
        w.beginObject();
        w.field("id", id);
        w.field("object", "balance_transaction");
        w.field("amount", amount);
        w.field("available_on", created);
        w.field("created", created);
        w.field("currency", d.currency());
        w.field("description", description);
        w.field("fee", fee);
        w.name("fee_details").beginArray().beginObject().field("amount", fee).nullField("application")
                .field("currency", d.currency()).field("description", "Dispute fee").field("type", "stripe_fee")
                .endObject().endArray();
        w.field("net", amount - fee);
        w.field("reporting_category", amount < 0 ? "dispute" : "dispute_reversal");
        w.field("source", d.id());
        w.field("status", "available");
        w.field("type", "adjustment");
        w.endObject();
    }

    /** The old values of the dispute's top-level fields that an update changed ({@code charge.dispute.updated}). */
    private static void disputePreviousAttributes(JsonWriter w, Dispute before, Dispute now) {
        w.name("previous_attributes").beginObject();
        if (!before.evidence().equals(now.evidence())) {
            disputeEvidence(w, before);
        }
        if (before.evidence().isEmpty() != now.evidence().isEmpty()
                || before.submissionCount() != now.submissionCount() || before.dueBy() != now.dueBy()) {
            disputeEvidenceDetails(w, before);
        }
        if (!before.metadata().equals(now.metadata())) {
            w.field("metadata", before.metadata());
        }
        if (!before.status().equals(now.status())) {
            w.field("status", before.status());
        }
        w.endObject();
    }

    /** The old values of the charge's top-level fields that a change touched, as {@link #charge} names them. */
    private void previousAttributes(JsonWriter w, Charge before, Charge now) {
        w.name("previous_attributes").beginObject();
        if (before.amountCaptured() != now.amountCaptured()) {
            w.field("amount_captured", before.amountCaptured());
        }
        if (before.amountRefunded() != now.amountRefunded()) {
            w.field("amount_refunded", before.amountRefunded());
        }
        if (!Objects.equals(before.balanceTransaction(), now.balanceTransaction())) {
            w.field("balance_transaction", before.balanceTransaction());
        }
        if (!Objects.equals(calculatedDescriptor(before), calculatedDescriptor(now))) {
            w.field("calculated_statement_descriptor", calculatedDescriptor(before));
        }
        if (before.captured() != now.captured()) {
            w.field("captured", before.captured());
        }
        if (!Objects.equals(before.description(), now.description())) {
            w.field("description", before.description());
        }
        if (!Objects.equals(before.fraudUserReport(), now.fraudUserReport())) {
            w.name("fraud_details").beginObject();
            if (before.fraudUserReport() != null) {
                w.field("user_report", before.fraudUserReport());
            }
            w.endObject();
        }
        if (!before.metadata().equals(now.metadata())) {
            w.field("metadata", before.metadata());
        }
        if (!Objects.equals(before.receiptEmail(), now.receiptEmail())) {
            w.field("receipt_email", before.receiptEmail());
        }
        if (before.refunded() != now.refunded()) {
            w.field("refunded", before.refunded());
        }
        if (!Objects.equals(before.shipping(), now.shipping())) {
            w.name("shipping").tree(before.shipping());
        }
        if (!Objects.equals(before.statementDescriptor(), now.statementDescriptor())) {
            w.field("statement_descriptor", before.statementDescriptor());
        }
        if (!Objects.equals(before.statementDescriptorSuffix(), now.statementDescriptorSuffix())) {
            w.field("statement_descriptor_suffix", before.statementDescriptorSuffix());
        }
        if (!Objects.equals(before.transferGroup(), now.transferGroup())) {
            w.field("transfer_group", before.transferGroup());
        }
        w.endObject();
    }

    /** A card PaymentMethod (PaymentIntents spec 3.3, 11). */
    void paymentMethod(JsonWriter w, PaymentMethod m) {
        Card c = m.card();
        w.beginObject();
        w.field("id", m.id());
        w.field("object", "payment_method");
        w.field("allow_redisplay", "unspecified");
        w.name("billing_details").beginObject();
        w.name("address").beginObject();
        w.field("city", c.addressCity());
        w.field("country", c.addressCountry());
        w.field("line1", c.addressLine1());
        w.field("line2", c.addressLine2());
        w.field("postal_code", c.addressZip());
        w.field("state", c.addressState());
        w.endObject();
        w.field("email", m.email()).field("name", c.name()).field("phone", m.phone()).nullField("tax_id");
        w.endObject();
        w.name("card").beginObject();
        w.field("brand", c.brand().code());
        w.name("checks").beginObject();
        w.field("address_line1_check", c.addressLine1Check());
        w.field("address_postal_code_check", c.addressZipCheck());
        w.field("cvc_check", c.cvcCheck());
        w.endObject();
        w.field("country", c.country());
        w.field("display_brand", displayBrand(c));
        w.field("exp_month", c.expMonth());
        w.field("exp_year", c.expYear());
        w.field("fingerprint", c.fingerprint());
        w.field("funding", c.funding());
        w.nullField("generated_from");
        w.field("last4", c.last4());
        w.name("networks").beginObject().name("available").beginArray().value(c.brand().code()).endArray()
                .nullField("preferred").endObject();
        w.field("regulated_status", "unregulated");
        w.name("three_d_secure_usage").beginObject()
                .field("supported", c.behaviour() != Behaviour.THREE_DS_NOT_SUPPORTED).endObject();
        w.nullField("wallet");
        w.endObject();
        w.field("created", m.created());
        w.nullField("customer");
        w.nullField("customer_account");
        w.field("livemode", m.livemode());
        w.field("metadata", m.metadata());
        w.field("type", "card");
        w.endObject();
    }

    private static String displayBrand(Card c) {
        return switch (c.brand()) {
            case AMEX -> "american_express";
            case DINERS -> "diners_club";
            case UNIONPAY -> "union_pay";
            case UNKNOWN -> "other";
            default -> c.brand().code();
        };
    }

    /**
     * A PaymentIntent (PaymentIntents spec 2.1, 11); {@code clientSafe} renders only what a publishable key may read
     * (spec 2.9). The PaymentMethod inside {@code last_payment_error} and the expansions come from {@code ledger}.
     */
    void paymentIntent(JsonWriter w, PaymentIntent p, Set<String> expand, boolean clientSafe, Ledger ledger) {
        w.beginObject();
        w.field("id", p.id());
        w.field("object", "payment_intent");
        w.field("amount", p.amount());
        if (!clientSafe) {
            w.field("amount_capturable", p.amountCapturable());
            w.name("amount_details").beginObject().name("tip").beginObject().endObject().endObject();
            w.field("amount_received", p.amountReceived());
            stringList(w, "allowed_payment_method_types", p.allowedTypes());
            w.nullField("application");
            w.nullField("application_fee_amount");
            w.name("automatic_payment_methods");
            if (p.automaticMethods() == null) {
                w.nullValue();
            } else {
                w.beginObject().field("allow_redirects", p.automaticMethods()).field("enabled", true).endObject();
            }
        }
        if (p.canceledAt() == 0) {
            w.nullField("canceled_at");
        } else {
            w.field("canceled_at", p.canceledAt());
        }
        w.field("cancellation_reason", p.cancellationReason());
        w.field("capture_method", p.captureMethod());
        w.field("client_secret", p.clientSecret());
        w.field("confirmation_method", p.confirmationMethod());
        w.field("created", p.created());
        w.field("currency", p.currency());
        if (!clientSafe) {
            w.nullField("customer");
            w.nullField("customer_account");
        }
        w.field("description", p.description());
        if (!clientSafe) {
            w.nullField("excluded_payment_method_types");
        }
        w.name("last_payment_error");
        if (p.lastError() == null) {
            w.nullValue();
        } else {
            paymentError(w, p.lastError(), ledger);
        }
        if (!clientSafe) {
            w.name("latest_charge");
            Charge latest = p.latestCharge() != null && expand.contains("latest_charge")
                    ? ledger.chargeById(p.latestCharge()) : null;
            if (latest != null) {
                charge(w, latest, Set.of(), ledger::refundById);
            } else {
                w.value(p.latestCharge());
            }
        }
        w.field("livemode", p.livemode());
        if (!clientSafe) {
            w.nullField("managed_payments");
            w.field("metadata", p.metadata());
        }
        w.name("next_action");
        nextAction(w, p);
        if (!clientSafe) {
            w.nullField("on_behalf_of");
        }
        w.name("payment_method");
        PaymentMethod pm = !clientSafe && p.paymentMethod() != null && expand.contains("payment_method")
                ? ledger.paymentMethods.byId(p.paymentMethod()) : null;
        if (pm != null) {
            paymentMethod(w, pm);
        } else {
            w.value(p.paymentMethod());
        }
        if (!clientSafe) {
            w.nullField("payment_method_configuration_details");
            w.name("payment_method_options").beginObject().name("card").beginObject().nullField("installments")
                    .nullField("mandate_options").nullField("network")
                    .field("request_three_d_secure", p.requestThreeDSecure()).endObject().endObject();
        }
        stringList(w, "payment_method_types", p.paymentMethodTypes());
        if (!clientSafe) {
            w.nullField("processing");
        }
        w.field("receipt_email", p.receiptEmail());
        if (!clientSafe) {
            w.nullField("review");
        }
        w.nullField("setup_future_usage");
        w.name("shipping").tree(p.shipping());
        if (!clientSafe) {
            w.nullField("source");
            w.nullField("statement_descriptor");
            w.field("statement_descriptor_suffix", p.statementDescriptorSuffix());
        }
        w.field("status", p.status());
        if (!clientSafe) {
            w.nullField("transfer_data");
            w.nullField("transfer_group");
        }
        w.endObject();
    }

    private static void stringList(JsonWriter w, String name, List<String> values) {
        w.name(name);
        if (values == null) {
            w.nullValue();
            return;
        }
        w.beginArray();
        for (String v : values) {
            w.value(v);
        }
        w.endArray();
    }

    /** PaymentIntents spec 5.1/5.2: the sandbox's own challenge page, as a redirect or for its Stripe.js. */
    private static void nextAction(JsonWriter w, PaymentIntent p) {
        if (p.actionUrl() == null || !"requires_action".equals(p.status())) {
            w.nullValue();
            return;
        }
        w.beginObject();
        if (p.actionRedirect()) {
            w.name("redirect_to_url").beginObject().field("return_url", p.returnUrl()).field("url", p.actionUrl())
                    .endObject();
            w.field("type", "redirect_to_url");
        } else {
            w.field("type", "use_stripe_sdk");
            w.name("use_stripe_sdk").beginObject()
                    .field("source", p.actionUrl().substring(p.actionUrl().lastIndexOf('/') + 1))
                    .field("stripe_js", p.actionUrl())
                    .field("type", "three_d_secure_redirect").endObject();
        }
        w.endObject();
    }

    /** {@code last_payment_error} (spec 2.6): the decline with the full PaymentMethod it was about. */
    void paymentError(JsonWriter w, PaymentIntent.PaymentError e, Ledger ledger) {
        w.beginObject();
        if (e.adviceCode() != null) {
            w.field("advice_code", e.adviceCode());
        }
        if (e.charge() != null) {
            w.field("charge", e.charge());
        }
        w.field("code", e.code());
        if (e.declineCode() != null) {
            w.field("decline_code", e.declineCode());
        }
        if (e.code() != null) {
            w.field("doc_url", "https://stripe.com/docs/error-codes/" + e.code().replace('_', '-'));
        }
        w.field("message", e.message());
        if (e.param() != null) {
            w.field("param", e.param());
        }
        PaymentMethod pm = e.paymentMethod() == null ? null : ledger.paymentMethods.byId(e.paymentMethod());
        if (pm != null) {
            w.name("payment_method");
            paymentMethod(w, pm);
            w.field("payment_method_type", "card");
        }
        w.field("type", e.type());
        w.endObject();
    }

    /** A webhook endpoint; its secret only in the answer to its creation (PaymentIntents spec 7.1). */
    void webhookEndpoint(JsonWriter w, WebhookEndpoint e, boolean withSecret) {
        w.beginObject();
        w.field("id", e.id());
        w.field("object", "webhook_endpoint");
        w.field("api_version", e.apiVersion());
        w.nullField("application");
        w.field("created", e.created());
        w.field("description", e.description());
        w.name("enabled_events").beginArray();
        for (String type : e.enabledEvents()) {
            w.value(type);
        }
        w.endArray();
        w.field("livemode", e.livemode());
        w.field("metadata", e.metadata());
        if (withSecret) {
            w.field("secret", e.secret());
        }
        w.field("status", e.disabled() ? "disabled" : "enabled");
        w.field("url", e.url());
        w.endObject();
    }
}
