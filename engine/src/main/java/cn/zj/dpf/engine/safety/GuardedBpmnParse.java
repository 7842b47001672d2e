package cn.zj.dpf.engine.safety;

import java.util.List;
import java.util.Set;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * The engine's BPMN parse with the policy in front: the allow-list walk runs over the engine's own element tree,
 * before anything of the diagram is turned into behaviour. With any finding nothing else is parsed, and execute()
 * throws the ParseException (400 at the REST API, one problem per finding with its element id).
 */
public class GuardedBpmnParse extends BpmnParse {

  private final BpmnPolicy policy;

  public GuardedBpmnParse(BpmnParser parser, BpmnPolicy policy) {
    super(parser);
    this.policy = policy;
  }

  @Override
  protected void parseRootElement() {
    if (rootElement != null) {
      List<BpmnPolicy.Located> findings = policy.check(rootElement, this::processKeyKnown);
      for (BpmnPolicy.Located located : findings) {
        addError(located.finding().text(), located.element(), located.finding().elementId());
      }
      if (!findings.isEmpty()) return;
    }
    super.parseRootElement();
  }

  /** A called process must be deployed already or defined in this same deployment (any of its diagrams). */
  private boolean processKeyKnown(String key) {
    if (rootElement != null) {
      for (var child : rootElement.elements()) {
        if ("process".equals(child.getTagName()) && key.equals(child.attribute("id"))) return true;
      }
    }
    if (deployment != null && deployment.getResources() != null) {
      for (ResourceEntity resource : deployment.getResources().values()) {
        if (resource.getName() != null && resource.getName().endsWith(".bpmn") && resource.getBytes() != null) {
          Set<String> ids = HardenedXml.processIds(resource.getBytes());
          if (ids.contains(key)) return true;
        }
      }
    }
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null) return false;
    // Whoever deploys, the question is only whether the key exists: ask without their authorizations.
    return commandContext.runWithoutAuthorization(
        () -> !commandContext.getProcessDefinitionManager().findProcessDefinitionsByKey(key).isEmpty());
  }
}
