package dev.checkout.sandbox.store;

import dev.checkout.sandbox.card.Behaviour;
import dev.checkout.sandbox.card.Brand;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How charges, refunds and tokens become one {@code byte[]} each and back (format primitives in {@link Bytes}).
 * {@code id}, {@code accountId} and {@code sortKey} are not written: the caller keeps them in its own header and
 * passes them back to {@code read}, which must get the {@code sortKey} that {@code value.sortKey()} had when written
 * (charges and refunds store {@code created} relative to it, in one byte when it is
 * {@link Stored#sortKey(long, long)} of {@code created}).
 *
 * <p>Decoded objects are equal to the written ones; metadata comes back as {@code Map.of()}, {@code Map.of(k, v)}
 * or an unmodifiable {@link LinkedHashMap} in the written order, shipping as unmodifiable {@link LinkedHashMap}s,
 * refund ids as an immutable {@code List.of}.
 */
public final class Codecs {
    /** Writes and reads one kind of stored object, without its id, account and sort key. */
    public interface Codec<T extends Stored> {
        void write(T value, Bytes.Out out);

        T read(String id, String accountId, long sortKey, Bytes.In in);
    }

    public static final Codec<Charge> CHARGE = new ChargeCodec();
    public static final Codec<Refund> REFUND = new RefundCodec();
    public static final Codec<Token> TOKEN = new TokenCodec();
    public static final Codec<Event> EVENT = new EventCodec();
    public static final Codec<PaymentMethod> PAYMENT_METHOD = new PaymentMethodCodec();
    public static final Codec<PaymentIntent> PAYMENT_INTENT = new PaymentIntentCodec();
    public static final Codec<Dispute> DISPUTE = new DisputeCodec();

    private static final Brand[] BRANDS = Brand.values();
    private static final Behaviour[] BEHAVIOURS = Behaviour.values();

    private static final int LIVEMODE = 1;
    private static final int CAPTURED = 2;
    private static final int PAID = 4;
    private static final int HAS_BALANCE_TRANSACTION = 8;
    private static final int USED = 16;
    private static final int THREE_D_SECURE = 32;
    private static final int ACTION_REDIRECT = 64;
    private static final int AUTHENTICATED = 128;
    // a charge's flags beside THREE_D_SECURE; a dispute's flags (LIVEMODE, INQUIRY) are a byte of their own
    private static final int DISPUTED = 64;
    private static final int INQUIRY = 64;

    // kinds of values in a shipping map
    private static final int VALUE_NULL = 0;
    private static final int VALUE_STRING = 1;
    private static final int VALUE_MAP = 2;
    private static final int MAX_DEPTH = 8;

    private Codecs() {
    }

    /**
     * Charge: flags (livemode, captured, paid, has a balance transaction, 3-D Secure, disputed), created (relative
     * to the sort key), amount, amount - amountCaptured, amountRefunded, currency, status, description, metadata,
     * receiptEmail, statementDescriptor, statementDescriptorSuffix, shipping, transferGroup, fraudUserReport, card,
     * outcome, failureCode, failureMessage, refundIds, paymentIntent, and the dispute id when the flag says there is one.
     */
    private static final class ChargeCodec implements Codec<Charge> {
        @Override
        public void write(Charge c, Bytes.Out out) {
            out.u8((c.livemode() ? LIVEMODE : 0) | (c.captured() ? CAPTURED : 0) | (c.paid() ? PAID : 0)
                    | (c.hasBalanceTransaction() ? HAS_BALANCE_TRANSACTION : 0) | (c.threeDSecure() ? THREE_D_SECURE : 0)
                    | (c.disputed() ? DISPUTED : 0));
            out.varLong(c.created() - createdBase(c.sortKey()));
            out.varLong(c.amount());
            // captured is all or nothing until a partial capture: 0 or the amount itself, one byte either way
            out.varLong(c.amount() - c.amountCaptured());
            out.varLong(c.amountRefunded());
            out.string(c.currency());
            out.string(c.status());
            out.string(c.description());
            writeMetadata(c.metadata(), out);
            out.string(c.receiptEmail());
            out.string(c.statementDescriptor());
            out.string(c.statementDescriptorSuffix());
            writeTree(c.shipping(), out, 0);
            out.string(c.transferGroup());
            out.string(c.fraudUserReport());
            writeCard(c.card(), out);
            writeOutcome(c.outcome(), out);
            out.string(c.failureCode());
            out.string(c.failureMessage());
            writeIds(c.refundIds(), out);
            out.string(c.paymentIntent());
            if (c.disputed()) {
                out.string(c.disputeId()); // only then: an undisputed charge pays nothing for it
            }
        }

        @Override
        public Charge read(String id, String accountId, long sortKey, Bytes.In in) {
            int flags = in.u8();
            long created = createdBase(sortKey) + in.varLong();
            long amount = in.varLong();
            long amountCaptured = amount - in.varLong();
            long amountRefunded = in.varLong();
            String currency = in.string();
            String status = in.string();
            String description = in.string();
            Map<String, String> metadata = readMetadata(in);
            String receiptEmail = in.string();
            String statementDescriptor = in.string();
            String suffix = in.string();
            Map<String, Object> shipping = readTree(in, 0);
            String transferGroup = in.string();
            String fraudUserReport = in.string();
            Card card = readCard(in);
            Outcome outcome = readOutcome(in);
            String failureCode = in.string();
            String failureMessage = in.string();
            List<String> refundIds = readIds(in);
            String paymentIntent = in.string();
            String disputeId = (flags & DISPUTED) != 0 ? in.string() : null;
            return new Charge(id, accountId, (flags & LIVEMODE) != 0, sortKey, created, amount, amountCaptured,
                    amountRefunded, currency, (flags & CAPTURED) != 0, status, (flags & PAID) != 0,
                    (flags & HAS_BALANCE_TRANSACTION) != 0, description, metadata, receiptEmail, statementDescriptor,
                    suffix, shipping, transferGroup, fraudUserReport, card, outcome, failureCode, failureMessage,
                    refundIds, paymentIntent, (flags & THREE_D_SECURE) != 0, disputeId);
        }
    }

    /**
     * Refund: flags, created (relative to the sort key), amount, chargeId, currency, paymentMethod, reason, metadata,
     * destinationType, paymentIntent.
     */
    private static final class RefundCodec implements Codec<Refund> {
        @Override
        public void write(Refund r, Bytes.Out out) {
            out.u8((r.livemode() ? LIVEMODE : 0) | (r.hasBalanceTransaction() ? HAS_BALANCE_TRANSACTION : 0));
            out.varLong(r.created() - createdBase(r.sortKey()));
            out.varLong(r.amount());
            out.string(r.chargeId());
            out.string(r.currency());
            out.string(r.paymentMethod());
            out.string(r.reason());
            writeMetadata(r.metadata(), out);
            out.string(r.destinationType());
            out.string(r.paymentIntent());
        }

        @Override
        public Refund read(String id, String accountId, long sortKey, Bytes.In in) {
            int flags = in.u8();
            long created = createdBase(sortKey) + in.varLong();
            long amount = in.varLong();
            String chargeId = in.string();
            String currency = in.string();
            String paymentMethod = in.string();
            String reason = in.string();
            Map<String, String> metadata = readMetadata(in);
            String destinationType = in.string();
            String paymentIntent = in.string();
            return new Refund(id, accountId, (flags & LIVEMODE) != 0, sortKey, created, amount, chargeId, currency,
                    paymentMethod, reason, metadata, (flags & HAS_BALANCE_TRANSACTION) != 0, destinationType,
                    paymentIntent);
        }
    }

    /**
     * Event: flags, created (relative to the sort key), type, the object's record, the previous record (or none),
     * requestId, idempotencyKey, pendingWebhooks. The records are copied in whole: an event outlives the object's
     * later changes and its eviction from its own table.
     */
    private static final class EventCodec implements Codec<Event> {
        @Override
        public void write(Event e, Bytes.Out out) {
            out.u8(e.livemode() ? LIVEMODE : 0);
            out.varLong(e.created() - createdBase(e.sortKey()));
            out.string(e.type());
            out.bytes(e.object());
            out.bytes(e.previous());
            out.string(e.requestId());
            out.string(e.idempotencyKey());
            out.unsignedVarInt(e.pendingWebhooks());
        }

        @Override
        public Event read(String id, String accountId, long sortKey, Bytes.In in) {
            int flags = in.u8();
            long created = createdBase(sortKey) + in.varLong();
            String type = in.string();
            byte[] object = in.bytes();
            byte[] previous = in.bytes();
            String requestId = in.string();
            String idempotencyKey = in.string();
            int pending = in.unsignedVarInt();
            return new Event(id, accountId, (flags & LIVEMODE) != 0, sortKey, created, type, object, previous,
                    requestId, idempotencyKey, pending);
        }
    }

    /**
     * Dispute: flags (livemode, inquiry), created (relative to the sort key), chargeId, paymentIntent, amount,
     * currency, status, reason, dueBy, evidence, metadata, submissionCount, withdrawnAt, reinstatedAt (the last two 0
     * when not yet).
     */
    private static final class DisputeCodec implements Codec<Dispute> {
        @Override
        public void write(Dispute d, Bytes.Out out) {
            out.u8((d.livemode() ? LIVEMODE : 0) | (d.inquiry() ? INQUIRY : 0));
            out.varLong(d.created() - createdBase(d.sortKey()));
            out.string(d.chargeId());
            out.string(d.paymentIntent());
            out.varLong(d.amount());
            out.string(d.currency());
            out.string(d.status());
            out.string(d.reason());
            out.varLong(d.dueBy());
            writeMetadata(d.evidence(), out);
            writeMetadata(d.metadata(), out);
            out.unsignedVarInt(d.submissionCount());
            out.varLong(d.withdrawnAt());
            out.varLong(d.reinstatedAt());
        }

        @Override
        public Dispute read(String id, String accountId, long sortKey, Bytes.In in) {
            int flags = in.u8();
            long created = createdBase(sortKey) + in.varLong();
            String chargeId = in.string();
            String paymentIntent = in.string();
            long amount = in.varLong();
            String currency = in.string();
            String status = in.string();
            String reason = in.string();
            long dueBy = in.varLong();
            Map<String, String> evidence = readMetadata(in);
            Map<String, String> metadata = readMetadata(in);
            int submissions = in.unsignedVarInt();
            long withdrawnAt = in.varLong();
            long reinstatedAt = in.varLong();
            return new Dispute(id, accountId, (flags & LIVEMODE) != 0, sortKey, created, chargeId, paymentIntent,
                    amount, currency, status, reason, (flags & INQUIRY) != 0, dueBy, evidence, metadata, submissions,
                    withdrawnAt, reinstatedAt);
        }
    }

    /** Token: flags, created (the sort key derives from it: {@code read} ignores the one passed), clientIp, card. */
    private static final class TokenCodec implements Codec<Token> {
        @Override
        public void write(Token t, Bytes.Out out) {
            out.u8((t.livemode() ? LIVEMODE : 0) | (t.used() ? USED : 0));
            out.varLong(t.created());
            out.string(t.clientIp());
            writeCard(t.card(), out);
        }

        @Override
        public Token read(String id, String accountId, long sortKey, Bytes.In in) {
            int flags = in.u8();
            long created = in.varLong();
            String clientIp = in.string();
            Card card = readCard(in);
            return new Token(id, accountId, (flags & LIVEMODE) != 0, card, clientIp, created, (flags & USED) != 0);
        }
    }

    /** PaymentMethod: flags, created (the sort key derives from it), card, email, phone, metadata, usedBy. */
    private static final class PaymentMethodCodec implements Codec<PaymentMethod> {
        @Override
        public void write(PaymentMethod m, Bytes.Out out) {
            out.u8(m.livemode() ? LIVEMODE : 0);
            out.varLong(m.created());
            writeCard(m.card(), out);
            out.string(m.email());
            out.string(m.phone());
            writeMetadata(m.metadata(), out);
            out.string(m.usedBy());
        }

        @Override
        public PaymentMethod read(String id, String accountId, long sortKey, Bytes.In in) {
            int flags = in.u8();
            long created = in.varLong();
            Card card = readCard(in);
            String email = in.string();
            String phone = in.string();
            Map<String, String> metadata = readMetadata(in);
            String usedBy = in.string();
            return new PaymentMethod(id, accountId, (flags & LIVEMODE) != 0, created, card, email, phone, metadata,
                    usedBy);
        }
    }

    /**
     * PaymentIntent: flags, created (relative to the sort key), amount, currency, status, captureMethod,
     * confirmationMethod, clientSecret, description, metadata, receiptEmail, statementDescriptorSuffix, shipping,
     * paymentMethod, latestCharge, amountCapturable, amountReceived, canceledAt, cancellationReason, lastError,
     * actionUrl, returnUrl, requestThreeDSecure, automaticMethods, allowedTypes, paymentMethodTypes,
     * confirmations.
     */
    private static final class PaymentIntentCodec implements Codec<PaymentIntent> {
        @Override
        public void write(PaymentIntent p, Bytes.Out out) {
            out.u8((p.livemode() ? LIVEMODE : 0) | (p.actionRedirect() ? ACTION_REDIRECT : 0)
                    | (p.authenticated() ? AUTHENTICATED : 0));
            out.varLong(p.created() - createdBase(p.sortKey()));
            out.varLong(p.amount());
            out.string(p.currency());
            out.string(p.status());
            out.string(p.captureMethod());
            out.string(p.confirmationMethod());
            out.string(p.clientSecret());
            out.string(p.description());
            writeMetadata(p.metadata(), out);
            out.string(p.receiptEmail());
            out.string(p.statementDescriptorSuffix());
            writeTree(p.shipping(), out, 0);
            out.string(p.paymentMethod());
            out.string(p.latestCharge());
            out.varLong(p.amountCapturable());
            out.varLong(p.amountReceived());
            out.varLong(p.canceledAt());
            out.string(p.cancellationReason());
            PaymentIntent.PaymentError e = p.lastError();
            out.u8(e == null ? 0 : 1);
            if (e != null) {
                out.string(e.type());
                out.string(e.code());
                out.string(e.declineCode());
                out.string(e.message());
                out.string(e.param());
                out.string(e.charge());
                out.string(e.paymentMethod());
                out.string(e.adviceCode());
            }
            out.string(p.actionUrl());
            out.string(p.returnUrl());
            out.string(p.requestThreeDSecure());
            out.string(p.automaticMethods());
            writeIds(p.allowedTypes(), out);
            writeIds(p.paymentMethodTypes(), out);
            out.unsignedVarInt(p.confirmations());
        }

        @Override
        public PaymentIntent read(String id, String accountId, long sortKey, Bytes.In in) {
            int flags = in.u8();
            long created = createdBase(sortKey) + in.varLong();
            long amount = in.varLong();
            String currency = in.string();
            String status = in.string();
            String captureMethod = in.string();
            String confirmationMethod = in.string();
            String clientSecret = in.string();
            String description = in.string();
            Map<String, String> metadata = readMetadata(in);
            String receiptEmail = in.string();
            String suffix = in.string();
            Map<String, Object> shipping = readTree(in, 0);
            String paymentMethod = in.string();
            String latestCharge = in.string();
            long capturable = in.varLong();
            long received = in.varLong();
            long canceledAt = in.varLong();
            String cancellationReason = in.string();
            PaymentIntent.PaymentError error = null;
            if (in.u8() == 1) {
                error = new PaymentIntent.PaymentError(in.string(), in.string(), in.string(), in.string(),
                        in.string(), in.string(), in.string(), in.string());
            }
            String actionUrl = in.string();
            String returnUrl = in.string();
            String request3ds = in.string();
            String automatic = in.string();
            List<String> allowed = readIds(in);
            List<String> types = readIds(in);
            int confirmations = in.unsignedVarInt();
            return new PaymentIntent(id, accountId, (flags & LIVEMODE) != 0, sortKey, created, amount, currency,
                    status, captureMethod, confirmationMethod, clientSecret, description, metadata, receiptEmail,
                    suffix, shipping, paymentMethod, latestCharge, capturable, received, canceledAt,
                    cancellationReason, error, actionUrl, returnUrl, (flags & ACTION_REDIRECT) != 0, request3ds,
                    automatic, allowed, types, confirmations, (flags & AUTHENTICATED) != 0);
        }
    }

    /**
     * {@code created} as {@link Stored#sortKey(long, long)} put it in the key; the difference from the real one wraps
     * around, so any pair round-trips.
     */
    private static long createdBase(long sortKey) {
        return sortKey >> 24;
    }

    // ---------------------------------------------------------------- card and outcome

    private static void writeCard(Card c, Bytes.Out out) {
        if (c == null) {
            out.u8(0);
            return;
        }
        out.u8(1);
        out.u8(c.brand() == null ? 0 : c.brand().ordinal() + 1);
        out.u8(c.behaviour() == null ? 0 : c.behaviour().ordinal() + 1);
        out.string(c.id());
        out.string(c.funding());
        out.string(c.last4());
        out.varInt(c.expMonth());
        out.varInt(c.expYear());
        out.string(c.fingerprint());
        out.string(c.country());
        out.string(c.name());
        out.string(c.addressLine1());
        out.string(c.addressLine2());
        out.string(c.addressCity());
        out.string(c.addressState());
        out.string(c.addressZip());
        out.string(c.addressCountry());
        out.string(c.cvcCheck());
        out.string(c.addressLine1Check());
        out.string(c.addressZipCheck());
    }

    private static Card readCard(Bytes.In in) {
        if (in.u8() == 0) {
            return null;
        }
        int brand = in.u8();
        int behaviour = in.u8();
        String id = in.string();
        String funding = in.string();
        String last4 = in.string();
        int expMonth = in.varInt();
        int expYear = in.varInt();
        String fingerprint = in.string();
        String country = in.string();
        String name = in.string();
        String line1 = in.string();
        String line2 = in.string();
        String city = in.string();
        String state = in.string();
        String zip = in.string();
        String addressCountry = in.string();
        String cvcCheck = in.string();
        String line1Check = in.string();
        String zipCheck = in.string();
        return new Card(id, brand == 0 ? null : BRANDS[brand - 1], funding, last4, expMonth, expYear, fingerprint,
                country, name, line1, line2, city, state, zip, addressCountry, cvcCheck, line1Check, zipCheck,
                behaviour == 0 ? null : BEHAVIOURS[behaviour - 1]);
    }

    private static void writeOutcome(Outcome o, Bytes.Out out) {
        if (o == null) {
            out.u8(0);
            return;
        }
        out.u8(1);
        out.string(o.type());
        out.string(o.networkStatus());
        out.string(o.reason());
        out.string(o.riskLevel());
        out.varInt(o.riskScore());
        out.string(o.sellerMessage());
        out.string(o.adviceCode());
    }

    private static Outcome readOutcome(Bytes.In in) {
        if (in.u8() == 0) {
            return null;
        }
        String type = in.string();
        String networkStatus = in.string();
        String reason = in.string();
        String riskLevel = in.string();
        int riskScore = in.varInt();
        String sellerMessage = in.string();
        String adviceCode = in.string();
        return new Outcome(type, networkStatus, reason, riskLevel, riskScore, sellerMessage, adviceCode);
    }

    // ---------------------------------------------------------------- collections: a count + 1, 0 for null

    /** A collection's size, -1 for null; checked against the bytes left (every element takes one at least). */
    private static int count(Bytes.In in) {
        int n = in.unsignedVarInt() - 1;
        if (n < -1 || n > in.remaining()) {
            throw new IllegalStateException("corrupt record: " + n + " elements before " + in.position());
        }
        return n;
    }

    private static void writeMetadata(Map<String, String> m, Bytes.Out out) {
        if (m == null) {
            out.unsignedVarInt(0);
            return;
        }
        out.unsignedVarInt(m.size() + 1);
        for (Map.Entry<String, String> e : m.entrySet()) {
            out.string(e.getKey());
            out.string(e.getValue());
        }
    }

    private static Map<String, String> readMetadata(Bytes.In in) {
        int n = count(in);
        if (n <= 0) {
            return n == 0 ? Map.of() : null;
        }
        String k = in.string();
        String v = in.string();
        if (n == 1 && k != null && v != null) {
            return Map.of(k, v);
        }
        Map<String, String> m = LinkedHashMap.newLinkedHashMap(n);
        m.put(k, v);
        for (int i = 1; i < n; i++) {
            m.put(in.string(), in.string());
        }
        return Collections.unmodifiableMap(m);
    }

    /** A shipping hash: keys are strings, values null, strings or maps of the same kind. */
    private static void writeTree(Map<?, ?> m, Bytes.Out out, int depth) {
        if (m == null) {
            out.unsignedVarInt(0);
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("shipping nested more than " + MAX_DEPTH + " deep");
        }
        out.unsignedVarInt(m.size() + 1);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            Object v = e.getValue();
            if (k != null && !(k instanceof String)) {
                throw new IllegalArgumentException("shipping keys are strings, not " + k.getClass().getName());
            }
            out.string((String) k);
            if (v == null) {
                out.u8(VALUE_NULL);
            } else if (v instanceof String s) {
                out.u8(VALUE_STRING);
                out.string(s);
            } else if (v instanceof Map<?, ?> nested) {
                out.u8(VALUE_MAP);
                writeTree(nested, out, depth + 1);
            } else {
                throw new IllegalArgumentException("shipping values are null, strings or maps, not "
                        + v.getClass().getName());
            }
        }
    }

    private static Map<String, Object> readTree(Bytes.In in, int depth) {
        int n = count(in);
        if (n < 0) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("corrupt record: shipping nested more than " + MAX_DEPTH + " deep");
        }
        Map<String, Object> m = LinkedHashMap.newLinkedHashMap(n);
        for (int i = 0; i < n; i++) {
            String k = in.string();
            int kind = in.u8();
            Object v = switch (kind) {
                case VALUE_NULL -> null;
                case VALUE_STRING -> in.string();
                case VALUE_MAP -> readTree(in, depth + 1);
                default -> throw new IllegalStateException("corrupt record: shipping value kind " + kind);
            };
            m.put(k, v);
        }
        return Collections.unmodifiableMap(m);
    }

    private static void writeIds(List<String> ids, Bytes.Out out) {
        if (ids == null) {
            out.unsignedVarInt(0);
            return;
        }
        int n = ids.size();
        out.unsignedVarInt(n + 1);
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            if (id == null) {
                throw new IllegalArgumentException("a null refund id (refund ids come from List.copyOf)");
            }
            out.string(id);
        }
    }

    private static List<String> readIds(Bytes.In in) {
        int n = count(in);
        switch (n) {
            case -1:
                return null;
            case 0:
                return List.of();
            case 1:
                return List.of(in.string());
            case 2: {
                String a = in.string();
                return List.of(a, in.string());
            }
            default: {
                String[] a = new String[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.string();
                }
                return List.of(a);
            }
        }
    }
}
