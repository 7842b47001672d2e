package cn.zj.dpf.engine.safety;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.ParseException;
import org.operaton.bpm.engine.Problem;
import org.operaton.bpm.engine.impl.persistence.deploy.Deployer;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * A pre-deployer: runs before the engine's own deployers and checks every resource of a deployment (name suffix,
 * size, DOCTYPE/ENTITY, decisions, forms). BPMN content is checked by the guarded BPMN parse, over the engine's own
 * element tree. A refused resource throws ParseException, which the REST API answers with 400 and the problems.
 *
 * It also runs when the deployment cache reloads an old deployment (after a restart or cache eviction): the engine
 * hands the same deployer list to the cache. We keep it so on purpose: a definition that breaks the policy is
 * refused whenever it is loaded, so a diagram deployed before the guard (or written into the database another way)
 * cannot run code either. Its instances then fail loudly instead of executing what the policy forbids.
 */
public class ResourcePolicyDeployer implements Deployer {

  private final DeploymentPolicy policy;
  private final DmnPolicy dmn;
  private final FormRule forms;

  public ResourcePolicyDeployer(DeploymentPolicy policy, DmnPolicy dmn, FormRule forms) {
    this.policy = policy;
    this.dmn = dmn;
    this.forms = forms;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (deployment.getResources() == null) return;
    for (ResourceEntity resource : deployment.getResources().values()) {
      List<Finding> findings = check(resource.getName(), resource.getBytes());
      if (!findings.isEmpty()) {
        List<Problem> problems = new ArrayList<>();
        StringBuilder message = new StringBuilder("部署被拒绝（部署策略）：");
        for (Finding finding : findings) {
          problems.add(new PolicyProblem(finding));
          message.append("\n* ").append(finding.text()).append(" | resource ").append(resource.getName())
              .append(finding.elementId().isEmpty() ? "" : " | element " + finding.elementId());
        }
        throw new ParseException(message.toString(), resource.getName(), problems, List.of());
      }
    }
  }

  /** The findings for one resource; public so the rules can be tried without an engine. */
  public List<Finding> check(String name, byte[] bytes) {
    List<Finding> findings = new ArrayList<>();
    // Case-sensitive like the engine's own deployers, so what we check is exactly what they pick up.
    String suffix = policy.resourceSuffixes.stream().filter(s -> name != null && name.endsWith(s)).findFirst().orElse(null);
    if (suffix == null) {
      findings.add(new Finding("not-allowed", "资源“" + name + "”的类型不允许部署（只允许 " + String.join(" ", policy.resourceSuffixes) + "）", ""));
      return findings;
    }
    if (bytes == null) bytes = new byte[0];
    if (bytes.length > policy.maxResourceBytes) {
      findings.add(new Finding("file-size", "资源“" + name + "”超过 " + policy.maxResourceBytes + " 字节的上限", ""));
      return findings;
    }
    boolean xml = suffix.equals(".bpmn") || suffix.equals(".dmn");
    if (xml && HardenedXml.hasDoctype(bytes)) {
      findings.add(new Finding("xml-doctype", "XML 中不允许 DOCTYPE 或 ENTITY 声明（可用于 XXE 和“十亿笑声”攻击）", ""));
      return findings;
    }
    switch (suffix) {
      case ".dmn" -> findings.addAll(dmn.check(bytes));
      case ".form" -> findings.addAll(forms.check(bytes));
      default -> { } // .bpmn: the guarded BPMN parse walks the engine's own element tree
    }
    return findings;
  }
}
