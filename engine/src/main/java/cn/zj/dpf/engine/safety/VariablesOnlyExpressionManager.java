package cn.zj.dpf.engine.safety;

import jakarta.el.ELResolver;
import jakarta.el.FunctionMapper;
import java.lang.reflect.Method;
import org.operaton.bpm.engine.impl.el.DateTimeFunctions;
import org.operaton.bpm.engine.impl.el.JuelExpressionManager;
import org.operaton.bpm.engine.impl.util.ReflectUtil;

/**
 * The engine's JUEL expression manager reduced to process variables and now(): replaces Spring's, which resolves
 * every bean of the application context (the dataSource and the environment included). Whatever the engine adds
 * later with addFunction (currentUser, currentUserGroups, dateTime) is ignored: the function mapper is fixed.
 */
public class VariablesOnlyExpressionManager extends JuelExpressionManager {

  private static final Method NOW = ReflectUtil.getMethod(DateTimeFunctions.class, DateTimeFunctions.NOW);

  public VariablesOnlyExpressionManager() {
    super(null); // no beans
  }

  @Override
  public void addFunction(String name, Method function) {
    // deliberately ignored: only now() exists
  }

  @Override
  protected ELResolver createElResolver() {
    return new VariablesOnlyElResolver();
  }

  @Override
  protected FunctionMapper createFunctionMapper() {
    return new FunctionMapper() {
      @Override
      public Method resolveFunction(String prefix, String localName) {
        boolean noPrefix = prefix == null || prefix.isBlank();
        return noPrefix && DateTimeFunctions.NOW.equals(localName) ? NOW : null;
      }
    };
  }
}
