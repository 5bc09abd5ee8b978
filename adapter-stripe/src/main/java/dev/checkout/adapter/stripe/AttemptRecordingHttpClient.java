package dev.checkout.adapter.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

/**
 * The HTTP client stripe-java calls, watched: it records every attempt of the call running on this thread, because
 * stripe-java's retries hide the earlier attempts and only the last exception reaches us. A refused connection or a
 * 429 on the last attempt proves nothing if an earlier attempt timed out after the request was sent.
 */
final class AttemptRecordingHttpClient extends LeanHttpClient {
    private final ThreadLocal<Attempts> current = new ThreadLocal<>();

    /** Starts recording the attempts of one gateway call on this thread; pair with {@link #stop()}. */
    Attempts start() {
        Attempts attempts = new Attempts();
        current.set(attempts);
        return attempts;
    }

    void stop() {
        current.remove();
    }

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        Attempts attempts = current.get();
        try {
            StripeResponse response = super.request(request);
            if (attempts != null) {
                attempts.answered(response.code());
            }
            return response;
        } catch (ApiConnectionException e) {
            if (attempts != null) {
                attempts.failed(e);
            }
            throw e;
        }
    }

    /** What the attempts of one call tell about whether the provider may have acted on it. */
    static final class Attempts {
        private int made;
        private boolean mayHaveActed;

        /** No attempts recorded: nothing can be proven about the request, so assume it may have been acted on. */
        static Attempts unrecorded() {
            Attempts attempts = new Attempts();
            attempts.mayHaveActed = true;
            return attempts;
        }

        void answered(int status) {
            made++;
            // 409: another request with this key is executing; 5xx: the provider may have started and stopped.
            if (status == 409 || status >= 500) {
                mayHaveActed = true;
            }
        }

        void failed(ApiConnectionException e) {
            made++;
            if (!Connections.certainlyNotSent(e)) {
                mayHaveActed = true;
            }
        }

        int made() {
            return made;
        }

        /** True when some attempt may have reached the provider and been (or be still being) executed. */
        boolean mayHaveActed() {
            return mayHaveActed || made == 0;
        }
    }
}
