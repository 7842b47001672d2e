package cn.zj.dpf.engine.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list tables of deployment/deployment-policy.json, copied into the jar at build time: the same file our
 * TypeScript checks read, so the two guards cannot drift apart.
 */
public final class DeploymentPolicy {

  public static final String RESOURCE = "deployment-policy.json";

  /** One element of bpmn.elements: its own attributes (name → kind), required attributes, text kind, async flag. */
  public record ElementRule(Map<String, String> attrs, List<String> required, String text, boolean async) {}

  /** One entry of bpmn.refused: the rule name, the refused elements and attributes, and the message. */
  public record RefusedRule(String rule, Set<String> elements, Set<String> attributes, String message) {}

  public final long maxResourceBytes;
  public final long maxDeploymentBytes;
  public final List<String> resourceSuffixes;
  public final long minTimerCycleSeconds;

  public final Set<String> reservedWords;
  public final Set<String> expressionFunctions;
  public final Set<String> forbiddenIdentifiers;

  public final Set<String> feelForbiddenKeywords;
  public final Set<String> feelOperatorWords;
  public final Set<String> feelFunctions;

  /** Namespace URI → prefix used in the tables. */
  public final Map<String, String> namespacePrefixes;
  public final List<RefusedRule> refused;
  public final Map<String, String> commonAttrs;
  public final Map<String, String> asyncAttrs;
  public final Map<String, ElementRule> elements;

  public final Set<String> dmnFeelLanguages;
  public final Set<String> dmnFeelTextElements;
  public final Set<String> dmnRefusedElements;
  public final String dmnMessage;

  public final Set<String> formComponentTypes;
  public final Set<String> formButtonActions;
  public final int formMaxPatternLength;

  private DeploymentPolicy(JsonNode root) {
    maxResourceBytes = root.required("maxResourceBytes").asLong();
    maxDeploymentBytes = root.required("maxDeploymentBytes").asLong();
    resourceSuffixes = strings(root.required("resourceSuffixes"));
    minTimerCycleSeconds = root.required("minTimerCycleSeconds").asLong();

    JsonNode expression = root.required("expression");
    reservedWords = Set.copyOf(strings(expression.required("reservedWords")));
    expressionFunctions = Set.copyOf(strings(expression.required("functions")));
    forbiddenIdentifiers = Set.copyOf(strings(expression.required("forbiddenIdentifiers")));

    JsonNode feel = root.required("feel");
    feelForbiddenKeywords = Set.copyOf(strings(feel.required("forbiddenKeywords")));
    feelOperatorWords = Set.copyOf(strings(feel.required("operatorWords")));
    feelFunctions = Set.copyOf(strings(feel.required("functions")));

    JsonNode bpmn = root.required("bpmn");
    Map<String, String> prefixes = new HashMap<>();
    bpmn.required("namespaces").fields().forEachRemaining(e -> prefixes.put(e.getValue().asText(), e.getKey()));
    namespacePrefixes = Collections.unmodifiableMap(prefixes);

    List<RefusedRule> refusedRules = new ArrayList<>();
    bpmn.required("refused").fields().forEachRemaining(e -> refusedRules.add(new RefusedRule(e.getKey(),
        Set.copyOf(strings(e.getValue().path("elements"))), Set.copyOf(strings(e.getValue().path("attributes"))),
        e.getValue().required("message").asText())));
    refused = List.copyOf(refusedRules);

    commonAttrs = stringMap(bpmn.path("common").path("attrs"));
    asyncAttrs = stringMap(bpmn.required("asyncAttrs"));
    Map<String, ElementRule> elementRules = new LinkedHashMap<>();
    bpmn.required("elements").fields().forEachRemaining(e -> {
      JsonNode rule = e.getValue();
      boolean async = rule.path("async").asBoolean(false);
      elementRules.put(e.getKey(), new ElementRule(stringMap(rule.path("attrs")), strings(rule.path("required")), rule.path("text").asText("none"), async));
    });
    elements = Collections.unmodifiableMap(elementRules);

    JsonNode dmn = root.required("dmn");
    dmnFeelLanguages = Set.copyOf(strings(dmn.required("feelLanguages")));
    dmnFeelTextElements = Set.copyOf(strings(dmn.required("feelTextElements")));
    dmnRefusedElements = Set.copyOf(strings(dmn.required("refusedElements")));
    dmnMessage = dmn.required("message").asText();

    JsonNode form = root.required("form");
    formComponentTypes = Set.copyOf(strings(form.required("componentTypes")));
    formButtonActions = Set.copyOf(strings(form.required("buttonActions")));
    formMaxPatternLength = form.required("maxPatternLength").asInt();
  }

  /** Reads the tables from the jar; a missing or broken file stops the engine from starting (no guard, no engine). */
  public static DeploymentPolicy load() {
    try (InputStream in = DeploymentPolicy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not in the engine's jar: the build must copy deployment/deployment-policy.json");
      }
      return new DeploymentPolicy(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public RefusedRule refusedElement(String qualifiedName) {
    for (RefusedRule rule : refused) {
      if (rule.elements().contains(qualifiedName)) return rule;
    }
    return null;
  }

  public RefusedRule refusedAttribute(String qualifiedName) {
    for (RefusedRule rule : refused) {
      if (rule.attributes().contains(qualifiedName)) return rule;
    }
    return null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  private static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> out = new HashMap<>();
    if (object != null) object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return Map.copyOf(out);
  }
}
