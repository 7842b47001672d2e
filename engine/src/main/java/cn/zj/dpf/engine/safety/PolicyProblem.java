package cn.zj.dpf.engine.safety;

import java.util.List;
import org.operaton.bpm.engine.Problem;

/** A finding as the engine reports parse problems: the REST API shows message and element ids per resource. */
public record PolicyProblem(Finding finding) implements Problem {

  @Override
  public String getMessage() {
    return finding.text();
  }

  @Override
  public int getLine() {
    return 0;
  }

  @Override
  public int getColumn() {
    return 0;
  }

  @Override
  public String getMainElementId() {
    return finding.elementId();
  }

  @Override
  public List<String> getElementIds() {
    return finding.elementId().isEmpty() ? List.of() : List.of(finding.elementId());
  }
}
