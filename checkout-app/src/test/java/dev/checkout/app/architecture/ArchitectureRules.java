package dev.checkout.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagon's rules, written against a root package so the same rules can be shown to reject a deliberately
 * broken fixture ({@code dev.checkout.archfixture}) as well as to pass on the real code ({@code dev.checkout}).
 */
final class ArchitectureRules {
    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    private String domain() { return root + ".domain.."; }
    private String application() { return root + ".application.."; }
    private String adapters() { return root + ".adapter.."; }

    /** The domain jar is the model and its ports: it may use the JDK and itself, nothing else. */
    ArchRule domainDependsOnTheJdkOnly() {
        return classes().that().resideInAPackage(domain())
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domain())
                .because("checkout-domain is pure: embedding services get the model without any framework");
    }

    /** The use cases may use the JDK, the domain and themselves. */
    ArchRule applicationDependsOnTheDomainOnly() {
        return classes().that().resideInAPackage(application())
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domain(), application())
                .because("the use cases are framework-free; wiring happens in checkout-app's @Factory");
    }

    /** Named explicitly, so a violation message says which technology leaked in. */
    ArchRule noTechnologyInTheCore() {
        return noClasses().that().resideInAnyPackage(domain(), application())
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.stripe..", "io.micronaut..", "jakarta..", "javax..", "java.sql..", "org.mapstruct..")
                .because("Stripe, Micronaut, JDBC and MapStruct belong in adapters");
    }

    /** Time and randomness come from an injected Clock and id source, so tests control them. */
    ArchRule noHiddenClockOrRandomnessInTheCore() {
        return noClasses().that().resideInAnyPackage(domain(), application())
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(UUID.class, "randomUUID")
                .because("the core takes time from an injected Clock and ids from an injected OrderIdGenerator");
    }

    /** Adapters plug into the core, never into each other. */
    ArchRule adaptersAreIndependent() {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .because("swapping one adapter must never touch another");
    }

    /** Adapters use the application's ports (interfaces and values), never the classes that implement them. */
    ArchRule adaptersDoNotReachIntoTheApplication() {
        DescribedPredicate<JavaClass> useCaseImplementation = new DescribedPredicate<>("an application class implementing a port") {
            @Override
            public boolean test(JavaClass c) {
                return c.getPackageName().startsWith(root + ".application")
                        && !c.isInterface() && !c.isRecord() && !c.isEnum()
                        && !c.isAssignableTo(Throwable.class)
                        && c.getAllRawInterfaces().stream().anyMatch(i -> i.getPackageName().startsWith(root + ".application"));
            }
        };
        return noClasses().that().resideInAPackage(adapters())
                .should().dependOnClassesThat(useCaseImplementation)
                .because("an adapter drives a use case through its inbound port, so implementations can change freely");
    }

    /** A public outbound adapter named after a port (technology + port name) really implements that port. */
    ArchRule outboundAdaptersImplementDomainPorts() {
        DescribedPredicate<JavaClass> namedLikeAPortAdapter = new DescribedPredicate<>("public outbound adapters named <Technology><Port>") {
            @Override
            public boolean test(JavaClass c) {
                return c.getPackageName().startsWith(root + ".adapter.")
                        && c.getModifiers().contains(JavaModifier.PUBLIC) && !c.isInterface()
                        && PORT_NAMES.stream().anyMatch(port -> c.getSimpleName().endsWith(port) && !c.getSimpleName().equals(port));
            }
        };
        return classes().that(namedLikeAPortAdapter)
                .should(new ArchCondition<>("implement the domain port they are named after") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        boolean implementsPort = c.getAllRawInterfaces().stream()
                                .anyMatch(i -> i.getPackageName().equals(root + ".domain.port") && c.getSimpleName().endsWith(i.getSimpleName()));
                        if (!implementsPort) {
                            events.add(SimpleConditionEvent.violated(c, c.getName() + " is named like a port adapter but implements no domain port"));
                        }
                    }
                })
                .allowEmptyShould(false);
    }

    private static final java.util.List<String> PORT_NAMES = java.util.List.of("PaymentGateway", "Orders", "Inventory", "Catalogue");
}
