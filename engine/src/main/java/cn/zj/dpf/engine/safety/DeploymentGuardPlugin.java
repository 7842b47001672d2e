package cn.zj.dpf.engine.safety;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.engine.impl.persistence.deploy.Deployer;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.core.Ordered;

/**
 * Closes the engine from its own side, whoever deploys (our API, the engine's REST, Cockpit): expressions see
 * process variables only, no script engines, no Java serialization, no CMMN, no expressions in REST queries, no XXE,
 * and every deployment passes the policy (the pre-deployer for resources, the guarded BPMN parse for diagrams).
 * preInit runs inside buildProcessEngine, after Spring has put in its bean-resolving expression manager, so ours
 * replaces it; the plugin is ordered last so no other plugin's preInit can undo these settings.
 */
public class DeploymentGuardPlugin implements ProcessEnginePlugin, Ordered {

  private final DeploymentPolicy policy;

  public DeploymentGuardPlugin(DeploymentPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new VariablesOnlyExpressionManager());
    configuration.setDmnElProvider(null); // the DMN engine then takes its JUEL from our expression manager
    configuration.setScriptEngineResolver(new NoScriptEngineResolver());
    configuration.setJavaSerializationFormatEnabled(false);
    configuration.setDeserializationTypeValidationEnabled(true);
    configuration.setCmmnEnabled(false);
    // REST query parameters such as assigneeExpression must not evaluate anything.
    configuration.setEnableExpressionsInAdhocQueries(false);
    configuration.setEnableExpressionsInStoredQueries(false);
    configuration.setEnableXxeProcessing(false);

    configuration.setBpmnParseFactory(new GuardedBpmnParseFactory(new BpmnPolicy(policy)));
    FeelRule feel = new FeelRule(policy);
    List<Deployer> preDeployers = new ArrayList<>();
    preDeployers.add(new ResourcePolicyDeployer(policy, new DmnPolicy(policy, feel), new FormRule(policy, feel)));
    if (configuration.getCustomPreDeployers() != null) preDeployers.addAll(configuration.getCustomPreDeployers());
    configuration.setCustomPreDeployers(preDeployers);
  }

  /** Fails the start if anything replaced the guard's pieces after preInit: better no engine than an open one. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    boolean intact = configuration.getExpressionManager() instanceof VariablesOnlyExpressionManager
        && configuration.getScriptEngineResolver() instanceof NoScriptEngineResolver
        && configuration.getBpmnParseFactory() instanceof GuardedBpmnParseFactory
        && configuration.getDmnElProvider() == null
        && !configuration.isJavaSerializationFormatEnabled()
        && !configuration.isCmmnEnabled()
        && !configuration.isEnableExpressionsInAdhocQueries()
        && !configuration.isEnableExpressionsInStoredQueries()
        && configuration.getCustomPreDeployers() != null
        && configuration.getCustomPreDeployers().stream().anyMatch(ResourcePolicyDeployer.class::isInstance);
    if (!intact) {
      throw new IllegalStateException("the deployment guard's engine settings were changed after preInit: refusing to start");
    }
  }

  /** Last among the engine plugins (Spring sorts the plugin list it hands the engine). */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // nothing to do
  }
}
