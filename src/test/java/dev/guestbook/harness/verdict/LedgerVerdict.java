package dev.guestbook.harness.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Durability: every acknowledged entry is listed exactly once, in the order it was signed. Other
 * entries (signed by other scenarios) may come between them; they are not judged here.
 */
public final class LedgerVerdict {

  private LedgerVerdict() {}

  /**
   * @param acknowledged the entries the guestbook answered 200 to, in the order they were signed
   * @param listed the guestbook's listing, in its order
   * @param where the listing's address, for the findings
   */
  public static List<Finding> keptInOrder(
      List<String> acknowledged, List<String> listed, String where) {
    Map<String, Integer> firstAt = new HashMap<>();
    for (int i = 0; i < listed.size(); i++) {
      firstAt.putIfAbsent(listed.get(i), i);
    }
    List<Finding> findings = new ArrayList<>(keptOnce(acknowledged, listed, where));
    return inOrder(acknowledged, firstAt, where, findings);
  }

  /**
   * Every acknowledged entry is listed exactly once, in whatever order (entries signed at the same
   * moment have none).
   */
  public static List<Finding> keptOnce(
      List<String> acknowledged, List<String> listed, String where) {
    Map<String, Integer> count = new HashMap<>();
    listed.forEach(e -> count.merge(e, 1, Integer::sum));
    List<Finding> findings = new ArrayList<>();
    List<String> lost = acknowledged.stream().filter(e -> !count.containsKey(e)).toList();
    if (!lost.isEmpty()) {
      findings.add(
          new Finding(
              where,
              "acknowledged entries",
              "all " + acknowledged.size() + " listed",
              lost.size() + " lost: " + lost));
    }
    List<String> repeated =
        acknowledged.stream().filter(e -> count.getOrDefault(e, 0) > 1).toList();
    if (!repeated.isEmpty()) {
      findings.add(
          new Finding(
              where,
              "acknowledged entries",
              "each listed exactly once",
              "listed more than once: " + repeated));
    }
    return findings;
  }

  private static List<Finding> inOrder(
      List<String> acknowledged,
      Map<String, Integer> firstAt,
      String where,
      List<Finding> findings) {
    int previous = -1;
    String before = null;
    for (String entry : acknowledged) {
      Integer at = firstAt.get(entry);
      if (at == null) {
        continue;
      }
      if (at < previous) {
        findings.add(
            new Finding(
                where,
                "order of acknowledged entries",
                "'" + before + "' before '" + entry + "', as signed",
                "'" + entry + "' at position " + at + ", before '" + before + "' at " + previous));
        break;
      }
      previous = at;
      before = entry;
    }
    return findings;
  }
}
