package dev.checkout.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules hold on the real code, and the same rules reject the broken fixture in {@code dev.checkout.archfixture},
 * which proves they are not vacuous (a rule over an empty or misspelt package would pass anything).
 */
class HexagonalArchitectureTest {
    static JavaClasses real;
    static JavaClasses broken;

    @BeforeAll
    static void importClasses() {
        real = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.checkout");
        broken = new ClassFileImporter().importPackages("dev.checkout.archfixture");
    }

    static Stream<Function<ArchitectureRules, ArchRule>> rules() {
        return Stream.of(
                ArchitectureRules::domainDependsOnTheJdkOnly,
                ArchitectureRules::applicationDependsOnTheDomainOnly,
                ArchitectureRules::noTechnologyInTheCore,
                ArchitectureRules::noHiddenClockOrRandomnessInTheCore,
                ArchitectureRules::adaptersAreIndependent,
                ArchitectureRules::adaptersDoNotReachIntoTheApplication,
                ArchitectureRules::outboundAdaptersImplementDomainPorts);
    }

    @Test
    void the_real_code_has_every_layer_to_check() {
        assertThat(real.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("dev.checkout.domain.port"))
                .anyMatch(p -> p.startsWith("dev.checkout.application.purchase"))
                .anyMatch(p -> p.startsWith("dev.checkout.adapter."));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void the_real_code_keeps_the_rule(Function<ArchitectureRules, ArchRule> rule) {
        rule.apply(new ArchitectureRules("dev.checkout")).check(real);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void the_rule_rejects_the_broken_fixture(Function<ArchitectureRules, ArchRule> rule) {
        var result = rule.apply(new ArchitectureRules("dev.checkout.archfixture")).evaluate(broken);

        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isTrue();
    }
}
