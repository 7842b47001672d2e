package cn.zj.dpf.engine.safety;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.model.dmn.Dmn;
import org.operaton.bpm.model.dmn.DmnModelInstance;
import org.operaton.bpm.model.xml.instance.DomElement;

/**
 * Decisions (spec "FEEL rule", DMN part): FEEL only, no refused elements, every FEEL text held to the FEEL rule.
 * Read with the DMN model API the engine itself uses, so we judge the same tree the engine will transform.
 */
public final class DmnPolicy {

  private static final String RULE = "feel-grammar";

  private final DeploymentPolicy policy;
  private final FeelRule feel;

  public DmnPolicy(DeploymentPolicy policy, FeelRule feel) {
    this.policy = policy;
    this.feel = feel;
  }

  public List<Finding> check(byte[] bytes) {
    List<Finding> findings = new ArrayList<>();
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
    } catch (RuntimeException e) {
      findings.add(new Finding(RULE, "决策文件无法按 DMN 读取", ""));
      return findings;
    }
    walk(model.getDocument().getRootElement(), "", findings);
    return findings;
  }

  private void walk(DomElement element, String parentId, List<Finding> findings) {
    String ownId = element.getAttribute("id");
    String id = ownId != null && !ownId.isEmpty() ? ownId : parentId;
    String name = element.getLocalName();
    if (policy.dmnRefusedElements.contains(name)) {
      findings.add(new Finding(RULE, "元素 " + name + "：" + policy.dmnMessage, id));
      return;
    }
    String language = element.getAttribute("expressionLanguage");
    if (language != null && !policy.dmnFeelLanguages.contains(language.trim())) {
      findings.add(new Finding(RULE, name + " 的表达式语言“" + language + "”不允许：" + policy.dmnMessage, id));
    }
    if (policy.dmnFeelTextElements.contains(name)) {
      String reason = feel.check(element.getTextContent());
      if (reason != null) findings.add(new Finding(RULE, name + "：" + reason, id));
    }
    for (DomElement child : element.getChildElements()) {
      walk(child, id, findings);
    }
  }
}
