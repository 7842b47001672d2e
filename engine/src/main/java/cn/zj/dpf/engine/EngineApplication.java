package cn.zj.dpf.engine;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.authorization.Groups;
import org.operaton.bpm.engine.identity.User;
import org.operaton.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.operaton.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The Operaton engine of the annual review: the engine on PostgreSQL, its REST API behind HTTP Basic for the
 * service account alone, and Cockpit/Tasklist/Admin with their own login. Everything else is TypeScript.
 */
@SpringBootApplication
public class EngineApplication {

  public static void main(String[] args) {
    SpringApplication.run(EngineApplication.class, args);
  }

  /** The REST API is open to anyone by default: only authenticated engine users may call it. */
  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-basic-auth");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(1);
    return registration;
  }

  /**
   * The service account the TypeScript side calls the REST API with, kept in step with the environment on every
   * start (a changed password takes effect at once), and the web apps' administrator likewise. Both are members of
   * the administrators' group, which the admin-user setting grants every authorization. Until this has run, the
   * service account's calls get 401: the launcher waits for an authenticated answer.
   */
  @EventListener
  public void ensureAccounts(ApplicationReadyEvent event) {
    ProcessEngine engine = event.getApplicationContext().getBean(ProcessEngine.class);
    ensureAdministrator(engine.getIdentityService(), required("ENGINE_USER"), required("ENGINE_PASSWORD"), "Service", "Account");
    ensureAdministrator(engine.getIdentityService(), System.getenv().getOrDefault("ENGINE_ADMIN_USER", "admin"), required("ENGINE_ADMIN_PASSWORD"), "系统", "管理员");
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(name + " is not set: the engine refuses to start without its accounts' credentials");
    }
    return value;
  }

  private static void ensureAdministrator(IdentityService identity, String id, String password, String firstName, String lastName) {
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setPassword(password);
      identity.saveUser(user);
    } else if (!identity.checkPassword(id, password)) {
      // A failed check updates the user's attempt count: read it again before changing it.
      User current = identity.createUserQuery().userId(id).singleResult();
      current.setPassword(password);
      identity.saveUser(current);
      identity.unlockUser(id);
    }
    if (identity.createGroupQuery().groupId(Groups.OPERATON_ADMIN).groupMember(id).count() == 0) {
      identity.createMembership(id, Groups.OPERATON_ADMIN);
    }
  }
}
