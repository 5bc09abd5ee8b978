package dev.checkout.adapter.in.rest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A deterministic mutation loop over seed inputs: byte flips, insertions, deletions, splices and JSON-ish tokens. */
final class Mutations {
    private static final byte[][] TOKENS = Stream.of("{", "}", "[", "]", "\"", ":", ",", "null", "true", "-", "1e999",
            "99999999999999999999", "\\u0000", "\\ud800", "\u00e9", "items", "quantity", "amount", "token", "sku", " ")
            .map(String::getBytes).toArray(byte[][]::new);

    private Mutations() {
    }

    static byte[][] seeds(Class<?> owner, String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(owner.getResource(folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(byte[][]::new);
        }
    }

    static void run(byte[][] seeds, int count, long seed, Consumer<byte[]> property) {
        var random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] input = seeds[random.nextInt(seeds.length)].clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                input = mutate(input, random, seeds);
            }
            property.accept(input);
        }
    }

    private static byte[] mutate(byte[] in, Random random, byte[][] seeds) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length);
        return switch (random.nextInt(5)) {
            case 0 -> { // flip a byte
                if (in.length > 0) {
                    in[at] = (byte) random.nextInt(256);
                }
                yield in;
            }
            case 1 -> splice(in, at, TOKENS[random.nextInt(TOKENS.length)]);
            case 2 -> in.length == 0 ? in : concat(Arrays.copyOfRange(in, 0, at), Arrays.copyOfRange(in, Math.min(in.length, at + 1 + random.nextInt(8)), in.length));
            case 3 -> { // splice part of another seed
                byte[] other = seeds[random.nextInt(seeds.length)];
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                yield splice(in, at, Arrays.copyOfRange(other, from, Math.min(other.length, from + 1 + random.nextInt(16))));
            }
            default -> { // repeat a region (deep nesting, long strings)
                int len = Math.min(in.length - at, 1 + random.nextInt(8));
                byte[] region = Arrays.copyOfRange(in, at, at + Math.max(0, len));
                byte[] out = in;
                for (int r = random.nextInt(50); r > 0; r--) {
                    out = splice(out, at, region);
                }
                yield out;
            }
        };
    }

    private static byte[] splice(byte[] in, int at, byte[] insert) {
        return concat(concat(Arrays.copyOfRange(in, 0, at), insert), Arrays.copyOfRange(in, at, in.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
