package cn.zj.dpf.engine.safety;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.MethodNotFoundException;
import jakarta.el.PropertyNotFoundException;
import jakarta.el.PropertyNotWritableException;
import org.operaton.bpm.engine.delegate.VariableScope;
import org.operaton.bpm.engine.variable.context.VariableContext;
import org.operaton.bpm.engine.variable.value.TypedValue;

/**
 * The only thing an expression can name: a process variable. No execution/task/externalTask/authenticatedUserId
 * objects, no beans, no property access, no method invocation, no assignment. An unset variable reads as null, so
 * conditions on not-yet-set variables work without any engine object.
 */
public class VariablesOnlyElResolver extends ELResolver {

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base != null) {
      throw new PropertyNotFoundException("property access is not allowed in expressions");
    }
    String name = String.valueOf(property);
    context.setPropertyResolved(true);
    Object scope = context.getContext(VariableScope.class);
    if (scope instanceof VariableScope variableScope) {
      return variableScope.hasVariable(name) ? variableScope.getVariable(name) : null;
    }
    Object variables = context.getContext(VariableContext.class);
    if (variables instanceof VariableContext variableContext) {
      // The DMN engine evaluating a JUEL-language expression: the decision's variables, nothing else.
      TypedValue value = variableContext.resolve(name);
      return value == null ? null : value.getValue();
    }
    return null;
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    throw new MethodNotFoundException("method calls are not allowed in expressions");
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    if (base != null) throw new PropertyNotFoundException("property access is not allowed in expressions");
    context.setPropertyResolved(true);
    return Object.class;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    throw new PropertyNotWritableException("expressions cannot assign");
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    context.setPropertyResolved(true);
    return true;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base == null ? String.class : null;
  }
}
