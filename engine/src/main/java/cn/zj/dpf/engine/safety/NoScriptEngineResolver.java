package cn.zj.dpf.engine.safety;

import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.operaton.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/**
 * Resolves no script language at all: scripts (BPMN, DMN, input/output, listeners) have no engine to run on, even if
 * a script engine jar ever lands on the classpath.
 */
public class NoScriptEngineResolver implements ScriptEngineResolver {

  /** A manager that knows no engines, for whoever asks the resolver for one. */
  private static final ScriptEngineManager EMPTY = new ScriptEngineManager(null) {
    @Override
    public ScriptEngine getEngineByName(String shortName) {
      return null;
    }

    @Override
    public ScriptEngine getEngineByExtension(String extension) {
      return null;
    }

    @Override
    public ScriptEngine getEngineByMimeType(String mimeType) {
      return null;
    }

    @Override
    public List<ScriptEngineFactory> getEngineFactories() {
      return List.of();
    }

    @Override
    public void registerEngineName(String name, ScriptEngineFactory factory) {
      // refused
    }

    @Override
    public void registerEngineExtension(String extension, ScriptEngineFactory factory) {
      // refused
    }

    @Override
    public void registerEngineMimeType(String type, ScriptEngineFactory factory) {
      // refused
    }
  };

  @Override
  public void addScriptEngineFactory(ScriptEngineFactory scriptEngineFactory) {
    // refused: no script engines
  }

  @Override
  public ScriptEngineManager getScriptEngineManager() {
    return EMPTY;
  }

  @Override
  public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
    return null;
  }
}
