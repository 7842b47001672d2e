package cn.zj.dpf.engine.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The declared expression grammar (spec "Expression grammar"): literal text with ${…} blocks holding only variable
 * names, literals, comparisons, logic, arithmetic and now(). Checked by our own tokenizer and recursive-descent
 * parser instead of JUEL's, so nothing the engine could evaluate (method calls, properties, beans) gets through.
 */
public final class ExpressionGrammar {

  private static final int MAX_DEPTH = 64;
  private static final List<String> OPERATORS = List.of(
      "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", "(", ")");

  private final Set<String> reservedWords;
  private final Set<String> functions;
  private final Set<String> forbidden;

  public ExpressionGrammar(DeploymentPolicy policy) {
    this.reservedWords = policy.reservedWords;
    this.functions = policy.expressionFunctions;
    this.forbidden = policy.forbiddenIdentifiers;
  }

  /** Answers null when the text is allowed, else a short Chinese reason. */
  public String check(String text) {
    if (text.contains("#{")) return "不允许使用 #{…} 表达式";
    if (text.indexOf('\\') >= 0) return "表达式中不允许出现反斜杠（转义）";
    int i = 0;
    while (true) {
      int start = text.indexOf("${", i);
      if (start < 0) return null;
      List<String> tokens = new ArrayList<>();
      int end;
      try {
        end = tokenize(text, start + 2, tokens);
      } catch (Refused e) {
        return e.getMessage();
      }
      if (end < 0) return "表达式 ${ 没有闭合";
      if (tokens.isEmpty()) return "表达式 ${} 为空";
      try {
        Parser parser = new Parser(tokens);
        parser.cond(0);
        if (parser.pos != tokens.size()) throw new Refused("表达式在“" + tokens.get(parser.pos) + "”处不符合允许的语法");
      } catch (Refused e) {
        return e.getMessage();
      }
      i = end + 1;
    }
  }

  /** Tokens from pos up to the closing '}'; answers the index of that '}', or -1 when the block never closes. */
  private static int tokenize(String text, int pos, List<String> tokens) {
    int i = pos;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '}') return i;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else if (isIdentStart(c)) {
        int j = i + 1;
        while (j < text.length() && isIdentPart(text.charAt(j))) j++;
        tokens.add(text.substring(i, j));
        i = j;
      } else if (c >= '0' && c <= '9') {
        int j = i;
        while (j < text.length() && isDigit(text.charAt(j))) j++;
        if (j + 1 < text.length() && text.charAt(j) == '.' && isDigit(text.charAt(j + 1))) {
          j++;
          while (j < text.length() && isDigit(text.charAt(j))) j++;
        }
        if (j < text.length() && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
          int k = j + 1;
          if (k < text.length() && (text.charAt(k) == '+' || text.charAt(k) == '-')) k++;
          if (k < text.length() && isDigit(text.charAt(k))) {
            while (k < text.length() && isDigit(text.charAt(k))) k++;
            j = k;
          }
        }
        tokens.add(text.substring(i, j));
        i = j;
      } else if (c == '\'' || c == '"') {
        int close = text.indexOf(c, i + 1);
        if (close < 0) throw new Refused("表达式中的字符串没有闭合");
        String body = text.substring(i + 1, close);
        if (body.contains("${") || body.contains("#{")) throw new Refused("表达式的字符串中不允许嵌套 ${…} 或 #{…}");
        tokens.add(text.substring(i, close + 1));
        i = close + 1;
      } else {
        String op = null;
        for (String candidate : OPERATORS) {
          if (text.startsWith(candidate, i)) {
            op = candidate;
            break;
          }
        }
        if (op == null) throw new Refused("表达式中不允许出现字符“" + c + "”（属性访问、方法调用等不允许）");
        tokens.add(op);
        i += op.length();
      }
    }
    return -1;
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** The recursive-descent parser over the spec's grammar; it only accepts or refuses, it builds nothing. */
  private final class Parser {
    final List<String> tokens;
    int pos;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    String peek() {
      return pos < tokens.size() ? tokens.get(pos) : null;
    }

    boolean accept(String... options) {
      String t = peek();
      if (t == null) return false;
      for (String o : options) {
        if (o.equals(t)) {
          pos++;
          return true;
        }
      }
      return false;
    }

    void expect(String token) {
      if (!accept(token)) throw new Refused(peek() == null ? "表达式不完整" : "表达式在“" + peek() + "”处不符合允许的语法");
    }

    void cond(int depth) {
      if (depth > MAX_DEPTH) throw new Refused("表达式嵌套过深");
      or(depth);
      if (accept("?")) {
        cond(depth + 1);
        expect(":");
        cond(depth + 1);
      }
    }

    void or(int d) {
      and(d);
      while (accept("||", "or")) and(d);
    }

    void and(int d) {
      eq(d);
      while (accept("&&", "and")) eq(d);
    }

    void eq(int d) {
      rel(d);
      while (accept("==", "!=", "eq", "ne")) rel(d);
    }

    void rel(int d) {
      add(d);
      while (accept("<", ">", "<=", ">=", "lt", "gt", "le", "ge")) add(d);
    }

    void add(int d) {
      mul(d);
      while (accept("+", "-")) mul(d);
    }

    void mul(int d) {
      unary(d);
      while (accept("*", "/", "%", "div", "mod")) unary(d);
    }

    void unary(int d) {
      if (d > MAX_DEPTH) throw new Refused("表达式嵌套过深");
      if (accept("!", "not", "-", "empty")) {
        unary(d + 1);
      } else {
        primary(d);
      }
    }

    void primary(int d) {
      String t = peek();
      if (t == null) throw new Refused("表达式不完整");
      char c = t.charAt(0);
      if (isDigit(c) || c == '\'' || c == '"') {
        pos++;
      } else if (t.equals("true") || t.equals("false") || t.equals("null")) {
        pos++;
      } else if (t.equals("(")) {
        pos++;
        cond(d + 1);
        expect(")");
      } else if (isIdentStart(c)) {
        pos++;
        boolean call = "(".equals(peek());
        if (call) {
          if (!functions.contains(t)) throw new Refused("表达式中不允许调用“" + t + "”（只允许 now()）");
          pos++;
          if (!accept(")")) throw new Refused("函数 " + t + "() 不接受参数");
        } else if (reservedWords.contains(t)) {
          throw new Refused("保留字“" + t + "”不能用作变量名");
        } else if (forbidden.contains(t)) {
          throw new Refused("表达式中不允许使用引擎对象或 Bean“" + t + "”，只能使用流程变量");
        }
      } else {
        throw new Refused("表达式在“" + t + "”处不符合允许的语法");
      }
    }
  }
}
