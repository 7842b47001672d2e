package cn.zj.dpf.engine.safety;

import java.util.Set;

/**
 * The lexical FEEL rule (spec "FEEL rule"): no loops, quantifiers, function definitions or external functions, and
 * calls only of a few built-ins. Lexical on purpose: it refuses whatever it cannot vouch for without evaluating.
 */
public final class FeelRule {

  private final Set<String> forbiddenKeywords;
  private final Set<String> functions;
  private final Set<String> operatorWords;

  public FeelRule(DeploymentPolicy policy) {
    this.forbiddenKeywords = policy.feelForbiddenKeywords;
    this.functions = policy.feelFunctions;
    this.operatorWords = policy.feelOperatorWords;
  }

  /** Answers null when the FEEL text is allowed, else a short Chinese reason. */
  public String check(String text) {
    if (text.contains("${") || text.contains("#{")) return "FEEL 中不允许出现 ${…} 或 #{…}";
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        i++;
        while (i < n && text.charAt(i) != '"') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (c == '`') {
        // A backtick-quoted name is an identifier in no list: skip it whole.
        int close = text.indexOf('`', i + 1);
        i = close < 0 ? n : close + 1;
      } else if (isIdentPart(c)) {
        int start = i;
        while (i < n && isIdentPart(text.charAt(i))) i++;
        String ident = text.substring(start, i);
        if (forbiddenKeywords.contains(ident)) {
          return "FEEL 中不允许使用“" + ident + "”（循环、量词、函数定义或外部函数）";
        }
        int j = i;
        while (j < n && Character.isWhitespace(text.charAt(j))) j++;
        if (j < n && text.charAt(j) == '(') {
          boolean pathCall = start > 0 && text.charAt(start - 1) == '.';
          if (pathCall || !(functions.contains(ident) || operatorWords.contains(ident))) {
            return "FEEL 中不允许调用“" + ident + "(…)”";
          }
        }
      } else {
        i++;
      }
    }
    return null;
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
