package dev.checkout.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows, repositories and mappers stay inside the adapter: only the port implementations are public. */
class PublicSurfaceTest {

    @Test
    void only_the_port_implementations_are_public() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(JdbcOrders.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(JdbcOrders.class.getPackageName().replace('.', '/'));
        var publicTypes = new java.util.TreeSet<String>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                // '$' marks nested and Micronaut-generated classes (bean definitions, introspections, interceptors)
                if (!name.endsWith(".class") || name.contains("$") || name.equals("package-info.class")) {
                    continue;
                }
                Class<?> type = Class.forName(JdbcOrders.class.getPackageName() + "." + name.substring(0, name.length() - 6));
                if (Modifier.isPublic(type.getModifiers())) {
                    publicTypes.add(type.getSimpleName());
                }
            }
        }
        assertThat(publicTypes).containsExactly("JdbcCatalogue", "JdbcInventory", "JdbcOrders", "JdbcReceivedEvents",
                "MicronautTransactionRunner");
    }
}
