package cn.zj.dpf.engine.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.operaton.bpm.engine.impl.util.xml.Element;

/**
 * The BPMN allow-list walk (spec "BPMN walk") over the engine's own parsed element tree: every element and attribute
 * must be listed in the policy with a kind its value satisfies. Anything unknown is refused, so a new engine feature
 * stays closed until someone decides to open it.
 */
public final class BpmnPolicy {

  private static final String XMLNS_URI = "http://www.w3.org/2000/xmlns/";
  private static final Pattern FORM_KEY = Pattern.compile("(operaton|camunda)-forms:deployment:[A-Za-z0-9._-]+\\.form");

  private final DeploymentPolicy policy;
  private final ExpressionGrammar grammar;
  private final TimerCycleRule timers;
  private final Map<String, String> prefixUris = new HashMap<>();

  public BpmnPolicy(DeploymentPolicy policy) {
    this.policy = policy;
    this.grammar = new ExpressionGrammar(policy);
    this.timers = new TimerCycleRule(policy);
    policy.namespacePrefixes.forEach((uri, prefix) -> prefixUris.put(prefix, uri));
  }

  /** One finding and the element it is on (the engine's Problem wants the element for line and column). */
  public record Located(Finding finding, Element element) {}

  /**
   * Walks the tree from the root element. processKeyKnown answers whether a callActivity's calledElement names a
   * process deployed already or defined in the same deployment.
   */
  public List<Located> check(Element root, Predicate<String> processKeyKnown) {
    List<Located> out = new ArrayList<>();
    walk(root, "", processKeyKnown, out);
    return out;
  }

  private void walk(Element element, String parentId, Predicate<String> processKeyKnown, List<Located> out) {
    // An event definition has no shape of its own in the modeler: its findings go on its event.
    String ownId = element.getTagName().endsWith("EventDefinition") ? null : element.attribute("id");
    String id = ownId != null && !ownId.isEmpty() ? ownId : parentId;
    String prefix = policy.namespacePrefixes.get(element.getUri() == null ? "" : element.getUri());
    String name = prefix == null ? element.getTagName() : prefix + ":" + element.getTagName();

    DeploymentPolicy.RefusedRule refused = prefix == null ? null : policy.refusedElement(name);
    if (refused != null) {
      out.add(new Located(new Finding(refused.rule(), "元素 " + name + "：" + refused.message(), id), element));
      return;
    }
    if (prefix == null) {
      out.add(new Located(new Finding("foreign-extension", "元素 " + name + "（命名空间 " + element.getUri() + "）不属于允许的扩展命名空间（如 camunda:），不允许部署", id), element));
      return;
    }
    DeploymentPolicy.ElementRule rule = policy.elements.get(name);
    if (rule == null) {
      out.add(new Located(new Finding("not-allowed", "元素 " + name + " 不在允许部署的元素之列", id), element));
      return;
    }

    for (String key : element.attributes()) {
      checkAttribute(element, name, rule, key, id, processKeyKnown, out);
    }
    for (String required : rule.required()) {
      if (attributeValue(element, required) == null) {
        out.add(new Located(new Finding("not-allowed", "元素 " + name + " 缺少必需的属性 " + required + "（服务任务只能是外部任务，带 operaton:topic）", id), element));
      }
    }
    String textReason = checkKind(rule.text(), element.getText(), true);
    if (textReason != null) {
      out.add(new Located(new Finding(ruleForKind(rule.text()), "元素 " + name + " 的内容：" + textReason, id), element));
    }
    for (Element child : element.elements()) {
      walk(child, id, processKeyKnown, out);
    }
  }

  private void checkAttribute(Element element, String elementName, DeploymentPolicy.ElementRule rule, String key, String id,
                              Predicate<String> processKeyKnown, List<Located> out) {
    // Element keeps attributes as "uri:localName", or the bare name when the attribute has no namespace.
    int colon = key.lastIndexOf(':');
    String uri = colon < 0 ? "" : key.substring(0, colon);
    String local = colon < 0 ? key : key.substring(colon + 1);
    if (key.equals("xmlns") || key.startsWith("xmlns:") || uri.equals(XMLNS_URI)) return; // declarations are fine
    String prefix = uri.isEmpty() ? null : policy.namespacePrefixes.get(uri);
    String name = uri.isEmpty() ? local : (prefix == null ? "{" + uri + "}" + local : prefix + ":" + local);
    String value = element.attribute(key);

    String kind = rule.attrs().get(name);
    if (kind == null && rule.async()) kind = policy.asyncAttrs.get(name);
    if (kind == null) kind = policy.commonAttrs.get(name);
    if (kind == null && uri.isEmpty() && BpmnSchemaDefaults.isDefault(local, value)) return; // filled in by the schema
    if (kind == null) {
      DeploymentPolicy.RefusedRule refused = policy.refusedAttribute(name);
      if (refused != null) {
        out.add(new Located(new Finding(refused.rule(), elementName + " 的属性 " + name + "：" + refused.message(), id), element));
      } else if (!uri.isEmpty() && prefix == null) {
        out.add(new Located(new Finding("foreign-extension", elementName + " 的属性 " + name + " 不属于允许的扩展命名空间（如 camunda:），不允许部署", id), element));
      } else {
        out.add(new Located(new Finding("not-allowed", elementName + " 的属性 " + name + " 不在允许之列", id), element));
      }
      return;
    }
    String reason = checkKind(kind, value, false);
    if (reason != null) {
      out.add(new Located(new Finding(ruleForKind(kind), elementName + " 的属性 " + name + "：" + reason, id), element));
      return;
    }
    if (elementName.equals("bpmn:callActivity") && name.equals("calledElement") && !processKeyKnown.test(value)) {
      out.add(new Located(new Finding("called-element", "调用活动引用的流程“" + value + "”既未部署，也不在本次部署中", id), element));
    }
  }

  /** The value of an attribute named as in the policy tables (prefix:local or a bare BPMN name). */
  private String attributeValue(Element element, String name) {
    int colon = name.indexOf(':');
    if (colon < 0) return element.attribute(name);
    String uri = prefixUris.get(name.substring(0, colon));
    return uri == null ? null : element.attribute(uri + ":" + name.substring(colon + 1));
  }

  private static String ruleForKind(String kind) {
    return switch (kind) {
      case "expression" -> "expression-grammar";
      case "timeCycle" -> "timer-frequency";
      default -> "not-allowed";
    };
  }

  /** Null when the value satisfies the kind, else a short Chinese reason. */
  private String checkKind(String kind, String value, boolean isText) {
    if (value == null) return null;
    if (kind.startsWith("enum:")) {
      for (String option : kind.substring(5).split("\\|")) {
        if (option.equals(value)) return null;
      }
      return "值“" + value + "”不是允许的取值（" + kind.substring(5) + "）";
    }
    return switch (kind) {
      case "text" -> null;
      case "none" -> value.isBlank() ? null : "不允许有文本内容";
      case "ref", "literal" -> value.contains("${") || value.contains("#{") ? "此处只能是固定值，不能是表达式" : null;
      case "formalExpression" -> {
        String local = value.substring(value.indexOf(':') + 1);
        yield local.equals("tFormalExpression") || local.equals("tExpression") ? null : "xsi:type 只能是 tFormalExpression";
      }
      case "formKey" -> FORM_KEY.matcher(value).matches() ? null : "表单键只能是 operaton-forms:deployment:名称.form";
      case "timeCycle" -> timers.check(value);
      case "expression" -> isText && value.isBlank() ? null : grammar.check(value);
      default -> "策略中未知的类型 " + kind;
    };
  }
}
