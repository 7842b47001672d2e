package cn.zj.dpf.engine.safety;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The form rule (spec "Form rule", rule form-content): known component types and button actions, FEEL in any string
 * held to the FEEL rule, and validation patterns that cannot backtrack for ever. Findings name the JSON pointer.
 */
public final class FormRule {

  private static final String RULE = "form-content";
  /**
   * The catastrophic shapes, as our TypeScript check (deployment/policy/form-content.ts) has them: a repeated group
   * whose whole content is one repeated atom — "(a+)+", "(\\d*)*", "([a-z]+){2,}" — which backtracks exponentially on
   * a near miss. A group that needs a separator each time round ("(\\s*,\\s*\\d+)*", in the shipped forms) is fine.
   */
  private static final String ATOM = "(?:\\\\.|\\[(?:\\\\.|[^\\]\\\\])*\\]|[^()|\\\\\\[\\]{}*+?])";
  private static final Pattern NESTED_REPEAT = Pattern.compile(
      "\\(\\??:?" + ATOM + "(?:[*+]|\\{\\d+,\\d*\\})\\??\\)(?:[*+]|\\{\\d+,\\d*\\})");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

  private final DeploymentPolicy policy;
  private final FeelRule feel;
  private final ObjectMapper mapper = new ObjectMapper();

  public FormRule(DeploymentPolicy policy, FeelRule feel) {
    this.policy = policy;
    this.feel = feel;
  }

  public List<Finding> check(byte[] bytes) {
    List<Finding> findings = new ArrayList<>();
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      findings.add(new Finding(RULE, "表单不是有效的 JSON", ""));
      return findings;
    } catch (IOException e) {
      findings.add(new Finding(RULE, "表单无法读取", ""));
      return findings;
    }
    if (root == null || !root.isObject()) {
      findings.add(new Finding(RULE, "表单必须是一个 JSON 对象", ""));
      return findings;
    }
    components(root, "", findings);
    strings(root, "", findings);
    return findings;
  }

  private void components(JsonNode holder, String pointer, List<Finding> findings) {
    JsonNode list = holder.get("components");
    if (list == null) return;
    if (!list.isArray()) {
      findings.add(new Finding(RULE, "components 必须是数组", pointer + "/components"));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode component = list.get(i);
      String at = pointer + "/components/" + i;
      if (!component.isObject()) {
        findings.add(new Finding(RULE, "表单组件必须是 JSON 对象", at));
        continue;
      }
      String type = component.path("type").asText("");
      if (!policy.formComponentTypes.contains(type)) {
        findings.add(new Finding(RULE, "不允许的表单组件类型“" + type + "”", at));
      }
      if (type.equals("button") && !policy.formButtonActions.contains(component.path("action").asText(""))) {
        findings.add(new Finding(RULE, "按钮的动作“" + component.path("action").asText("") + "”不允许", at));
      }
      JsonNode pattern = component.path("validate").path("pattern");
      if (pattern.isTextual()) {
        String reason = checkPattern(pattern.asText());
        if (reason != null) findings.add(new Finding(RULE, reason, at + "/validate/pattern"));
      }
      components(component, at, findings);
    }
  }

  private void strings(JsonNode node, String pointer, List<Finding> findings) {
    if (node.isTextual()) {
      String reason = checkString(node.asText());
      if (reason != null) findings.add(new Finding(RULE, reason, pointer.isEmpty() ? "/" : pointer));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) strings(node.get(i), pointer + "/" + i, findings);
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        String keyReason = field.getKey().contains("${") || field.getKey().contains("#{") ? "表单的键中不允许出现 ${…} 或 #{…}" : null;
        if (keyReason != null) findings.add(new Finding(RULE, keyReason, at));
        strings(field.getValue(), at, findings);
      }
    }
  }

  private String checkString(String value) {
    if (value.contains("${") || value.contains("#{")) return "表单中不允许出现 ${…} 或 #{…}";
    if (value.startsWith("=")) {
      String reason = feel.check(value.substring(1));
      if (reason != null) return reason;
    }
    Matcher m = TEMPLATE.matcher(value);
    while (m.find()) {
      String reason = feel.check(m.group(1));
      if (reason != null) return reason;
    }
    return null;
  }

  /** Length, validity and the nested-quantifier test that rules out catastrophic backtracking such as (a+)+. */
  String checkPattern(String pattern) {
    if (pattern.length() > policy.formMaxPatternLength) return "校验正则表达式超过 " + policy.formMaxPatternLength + " 个字符";
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      return "校验正则表达式无效";
    }
    return NESTED_REPEAT.matcher(pattern).find() ? "校验正则表达式含嵌套的重复（如 (a+)+），校验时可能耗尽服务器的时间" : null;
  }

}
