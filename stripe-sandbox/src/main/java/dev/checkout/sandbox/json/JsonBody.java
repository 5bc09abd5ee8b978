package dev.checkout.sandbox.json;

/** A response body that renders itself; bodies close over immutable snapshots, so rendering twice gives the same bytes. */
@FunctionalInterface
public interface JsonBody {
    void writeTo(JsonWriter w);

    default byte[] render() {
        JsonWriter w = new JsonWriter(2048);
        writeTo(w);
        return w.toByteArray();
    }
}
