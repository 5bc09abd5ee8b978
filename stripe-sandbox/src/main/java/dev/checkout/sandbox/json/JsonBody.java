package dev.checkout.sandbox.json;

/** A response body that renders itself; bodies close over immutable snapshots, so rendering twice gives the same bytes. */
@FunctionalInterface
public interface JsonBody {
    void writeTo(JsonWriter w);

    /** Renders to a fresh array, through a per-thread writer whose buffer has already grown to fit a charge. */
    default byte[] render() {
        JsonWriter w = Writers.LOCAL.get().reset();
        writeTo(w);
        return w.toByteArray();
    }

    /** Renders into this thread's reusable writer; the result is valid until the thread renders again. */
    default JsonWriter renderShared() {
        JsonWriter w = Writers.LOCAL.get().reset();
        writeTo(w);
        return w;
    }

    /** Holder of the per-thread writers (event-loop threads render one body at a time). */
    final class Writers {
        static final ThreadLocal<JsonWriter> LOCAL = ThreadLocal.withInitial(() -> new JsonWriter(8192));

        private Writers() {
        }
    }
}
