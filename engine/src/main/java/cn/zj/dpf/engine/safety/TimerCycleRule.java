package cn.zj.dpf.engine.safety;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A timer cycle must be a literal that fires at most once per minTimerCycleSeconds (spec "Timers"): a timer firing
 * every few seconds turns one deployment into a steady load, and an expression cycle cannot be judged before it runs.
 */
public final class TimerCycleRule {

  private static final Pattern REPEAT = Pattern.compile("R\\d*");
  private static final Pattern DURATION = Pattern.compile(
      "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?");
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}(?::?\\d{2}(?::?\\d{2}(?:[.,]\\d+)?)?)?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final Pattern PLAIN_INTEGER = Pattern.compile("\\d+");

  private final long minSeconds;

  public TimerCycleRule(DeploymentPolicy policy) {
    this.minSeconds = policy.minTimerCycleSeconds;
  }

  /** Answers null when the cycle is allowed, else a short Chinese reason. */
  public String check(String raw) {
    if (raw.contains("${") || raw.contains("#{")) return "定时器周期必须是固定值，不能是表达式";
    String text = raw.trim();
    if (text.startsWith("R")) return checkRepeating(text);
    String[] fields = text.split("\\s+");
    if (fields.length == 6 || fields.length == 7) {
      if (PLAIN_INTEGER.matcher(fields[0]).matches() && PLAIN_INTEGER.matcher(fields[1]).matches()) return null;
      return "cron 定时器的秒和分钟字段必须各是一个固定整数（不允许 *、/、逗号、- 或 ?），每小时最多触发一次";
    }
    return "定时器周期“" + text + "”不是允许的 ISO-8601 重复间隔或 cron 表达式";
  }

  private String checkRepeating(String text) {
    String[] parts = text.split("/", -1);
    if (!REPEAT.matcher(parts[0]).matches()) return "定时器周期“" + text + "”不是允许的 ISO-8601 重复间隔";
    String duration;
    if (parts.length == 2) {
      duration = parts[1];
    } else if (parts.length == 3 && DATE_TIME.matcher(parts[1]).matches()) {
      duration = parts[2];
    } else if (parts.length == 3 && DATE_TIME.matcher(parts[2]).matches()) {
      duration = parts[1];
    } else {
      return "定时器周期“" + text + "”不是允许的 ISO-8601 重复间隔";
    }
    Matcher m = DURATION.matcher(duration);
    if (!m.matches() || duration.equals("P") || duration.endsWith("T")) return "定时器周期中的间隔“" + duration + "”不是 ISO-8601 时长";
    for (int g = 1; g <= 4; g++) {
      if (m.group(g) != null && Long.parseLong(m.group(g)) > 0) return null; // years, months, weeks or days: long enough
    }
    double seconds = number(m.group(5)) * 3600 + number(m.group(6)) * 60 + number(m.group(7));
    if (seconds >= minSeconds) return null;
    return "定时器重复间隔“" + duration + "”短于 " + minSeconds + " 秒，触发过于频繁";
  }

  private static double number(String group) {
    return group == null ? 0 : Double.parseDouble(group.replace(',', '.'));
  }
}
