package dev.checkout.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL floor builds the checkout's schema from every migration, in the order Flyway applies them. */
class SqlFloorMigrationsTest {
    @Test
    void migrations_come_in_the_order_of_their_version_number_not_of_their_name(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"V10__later.sql", "V2__second.sql", "V1__first.sql", "V9__ninth.sql", "README.md",
                "R__repeatable.sql"}) {
            Files.writeString(dir.resolve(name), "SELECT 1;");
        }

        assertThat(SqlFloorScenario.migrations(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("V1__first.sql", "V2__second.sql", "V9__ninth.sql", "V10__later.sql");
    }

    @Test
    void the_checkouts_own_migrations_are_all_taken_from_the_first() throws IOException {
        Path real = Path.of("..", "adapter-persistence", "src", "main", "resources", "db", "migration");
        long count;
        try (var files = Files.list(real)) {
            count = files.filter(f -> f.getFileName().toString().startsWith("V")).count();
        }

        assertThat(SqlFloorScenario.migrations(real)).hasSize((int) count).first()
                .satisfies(p -> assertThat(p.getFileName().toString()).startsWith("V1__"));
        assertThat(count).isGreaterThan(1);
    }

    @Test
    void a_folder_without_migrations_is_refused_rather_than_measured_on_no_schema(@TempDir Path empty) {
        assertThatThrownBy(() -> SqlFloorScenario.migrations(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("no migration");
    }
}
