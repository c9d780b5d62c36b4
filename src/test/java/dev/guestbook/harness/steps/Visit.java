package dev.guestbook.harness.steps;

import dev.guestbook.harness.client.HttpResult;
import java.util.ArrayList;
import java.util.List;

/** What happened in this scenario so far: the entry written, the answers seen. Scenario-scoped. */
public final class Visit {

  private String entry;
  private HttpResult lastAnswer;
  private List<String> entriesBefore = List.of();
  private final List<String> servedBy = new ArrayList<>();

  void signed(String text, HttpResult answer) {
    this.entry = text;
    this.lastAnswer = answer;
  }

  String entry() {
    if (entry == null) {
      throw new IllegalStateException("no entry was signed in this scenario yet");
    }
    return entry;
  }

  HttpResult lastAnswer() {
    if (lastAnswer == null) {
      throw new IllegalStateException("no request was made in this scenario yet");
    }
    return lastAnswer;
  }

  /** An entry written through the page: the browser saw the answer, this scenario did not. */
  void wrote(String text) {
    this.entry = text;
  }

  void answered(HttpResult answer) {
    this.lastAnswer = answer;
  }

  void rememberEntriesBefore(List<String> entries) {
    this.entriesBefore = new ArrayList<>(entries);
  }

  List<String> entriesBefore() {
    return entriesBefore;
  }

  void servedBy(String task) {
    servedBy.add(task);
  }

  List<String> servedBy() {
    return List.copyOf(servedBy);
  }
}
