package dev.checkout.app.build;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM is written by hand and has no parent (so that importing it pins nothing else): these checks keep it equal
 * to the reactor. Every module that is published (not marked {@code maven.deploy.skip}) is in the BOM at the
 * reactor's version, nothing else is, and the embedding example names that same version.
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Document pom(Path file) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The text of the first child of {@code parent} named {@code name}, or null. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static Element childElement(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> elements(NodeList nodes) {
        var list = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static String rootVersion() throws Exception {
        return child(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
    }

    /** artifactId to whether it is published, for every jar module of the reactor. */
    private static Map<String, Boolean> modules() throws Exception {
        var modules = new TreeMap<String, Boolean>();
        for (Element module : elements(pom(ROOT.resolve("pom.xml")).getElementsByTagName("module"))) {
            Element project = pom(ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml")).getDocumentElement();
            if ("pom".equals(child(project, "packaging"))) {
                continue; // the BOM itself
            }
            Element properties = childElement(project, "properties");
            boolean skipped = properties != null && "true".equals(child(properties, "maven.deploy.skip"));
            modules.put(child(project, "artifactId"), !skipped);
        }
        return modules;
    }

    @Test
    void the_bom_lists_exactly_the_published_modules_at_the_reactors_version() throws Exception {
        Element bom = pom(ROOT.resolve("checkout-bom/pom.xml")).getDocumentElement();
        assertThat(child(bom, "version")).as("checkout-bom's version").isEqualTo(rootVersion());
        assertThat(childElement(bom, "parent")).as("checkout-bom must have no parent").isNull();

        var listed = new TreeMap<String, String>();
        for (Element dependency : elements(bom.getElementsByTagName("dependency"))) {
            assertThat(child(dependency, "groupId")).isEqualTo("dev.checkout");
            listed.put(child(dependency, "artifactId"), child(dependency, "version"));
        }
        var published = modules().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();

        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(published);
        assertThat(listed.values()).containsOnly("${project.version}");
        assertThat(published).contains("checkout-domain", "checkout-application", "checkout-testkit",
                "adapter-stripe", "adapter-persistence", "adapter-rest", "stripe-sandbox");
        assertThat(modules()).containsEntry("checkout-app", false).containsEntry("checkout-bench", false);
    }

    @Test
    void the_embedding_example_names_the_reactors_version_and_is_not_a_module() throws Exception {
        Path example = ROOT.resolve("examples/embedded-service/pom.xml");
        assertThat(example).exists();
        Element project = pom(example).getDocumentElement();
        assertThat(child(childElement(project, "properties"), "checkout.version")).isEqualTo(rootVersion());
        assertThat(childElement(project, "parent")).as("the example stands alone, as a user's project").isNull();
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).doesNotContain("<module>examples");
    }
}
