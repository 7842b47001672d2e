package cn.zj.dpf.engine.safety;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the deployment guard into the application: the policy tables, the engine plugin, the size filter. */
@Configuration
public class SafetyConfiguration {

  @Bean
  public DeploymentPolicy deploymentPolicy() {
    return DeploymentPolicy.load();
  }

  @Bean
  public DeploymentGuardPlugin deploymentGuardPlugin(DeploymentPolicy policy) {
    return new DeploymentGuardPlugin(policy);
  }

  /** After the REST authentication (order 1): an anonymous caller never makes us read a body. */
  @Bean
  public FilterRegistrationBean<DeploymentSizeFilter> deploymentSizeLimit(DeploymentPolicy policy) {
    FilterRegistrationBean<DeploymentSizeFilter> registration = new FilterRegistrationBean<>(new DeploymentSizeFilter(policy.maxDeploymentBytes));
    registration.setName("engine-rest-deployment-size");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(2);
    return registration;
  }
}
