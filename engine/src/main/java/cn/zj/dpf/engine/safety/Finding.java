package cn.zj.dpf.engine.safety;

/**
 * One policy finding: the spec's rule name, a short Chinese message naming what was found (never a runtime value),
 * and the id of the nearest element that has one ('' if none; for forms, the JSON pointer).
 */
public record Finding(String rule, String message, String elementId) {

  /** The text a person reads in the engine's 400 answer: the rule first, so both guards' findings read alike. */
  public String text() {
    return rule + "：" + message;
  }
}
