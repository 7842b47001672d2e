package cn.zj.dpf.engine.safety;

import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.operaton.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.operaton.bpm.engine.impl.cfg.BpmnParseFactory;

/** Makes every BPMN parse of the engine (new deployments and cache reloads alike) a guarded one. */
public class GuardedBpmnParseFactory implements BpmnParseFactory {

  private final BpmnPolicy policy;

  public GuardedBpmnParseFactory(BpmnPolicy policy) {
    this.policy = policy;
  }

  @Override
  public BpmnParse createBpmnParse(BpmnParser bpmnParser) {
    return new GuardedBpmnParse(bpmnParser, policy);
  }
}
