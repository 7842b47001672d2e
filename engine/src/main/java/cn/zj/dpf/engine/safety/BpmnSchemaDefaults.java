package cn.zj.dpf.engine.safety;

import java.util.Map;
import java.util.Set;

/**
 * The attribute defaults of the BPMN 2.0 schema (Semantic.xsd) the engine validates every diagram against. Schema
 * validation fills them into the engine's element tree as if they had been written, so an attribute carrying its
 * schema default reads as "absent" for the policy: that is what our TypeScript checks see in the raw XML, and the
 * engine behaves the same whether the default was written or filled in.
 */
final class BpmnSchemaDefaults {

  private static final Map<String, Set<String>> DEFAULTS = Map.ofEntries(
      Map.entry("associationDirection", Set.of("None")),
      Map.entry("behavior", Set.of("All")),
      Map.entry("cancelActivity", Set.of("true")),
      Map.entry("cancelRemainingInstances", Set.of("true")),
      Map.entry("completionQuantity", Set.of("1")),
      Map.entry("eventGatewayType", Set.of("Exclusive")),
      Map.entry("expressionLanguage", Set.of("http://www.w3.org/1999/XPath")),
      Map.entry("gatewayDirection", Set.of("Unspecified")),
      Map.entry("implementation", Set.of("##WebService", "##unspecified")),
      Map.entry("instantiate", Set.of("false")),
      Map.entry("isClosed", Set.of("false")),
      Map.entry("isCollection", Set.of("false")),
      Map.entry("isForCompensation", Set.of("false")),
      Map.entry("isInterrupting", Set.of("true")),
      Map.entry("isSequential", Set.of("false")),
      Map.entry("isUnlimited", Set.of("true")),
      Map.entry("itemKind", Set.of("Information")),
      Map.entry("loopType", Set.of("None")),
      Map.entry("maximum", Set.of("1")),
      Map.entry("method", Set.of("##Compensate")),
      Map.entry("minimum", Set.of("0")),
      Map.entry("mustUnderstand", Set.of("false")),
      Map.entry("parallelMultiple", Set.of("false")),
      Map.entry("processType", Set.of("None")),
      Map.entry("startQuantity", Set.of("1")),
      Map.entry("testBefore", Set.of("false")),
      Map.entry("textFormat", Set.of("text/plain")),
      Map.entry("triggeredByEvent", Set.of("false")),
      Map.entry("typeLanguage", Set.of("http://www.w3.org/2001/XMLSchema")));

  private BpmnSchemaDefaults() {}

  /** True when an unqualified attribute carries the value the schema would have filled in anyway. */
  static boolean isDefault(String unqualifiedName, String value) {
    Set<String> values = DEFAULTS.get(unqualifiedName);
    return values != null && values.contains(value);
  }
}
