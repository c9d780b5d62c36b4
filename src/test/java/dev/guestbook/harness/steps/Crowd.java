package dev.guestbook.harness.steps;

import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.text.Text;
import dev.guestbook.harness.verdict.CrowdVisit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Concurrent visitors through the front door, each signing and reading in a loop, while something
 * happens to the stack. Every request is recorded with when it ended relative to the event.
 */
final class Crowd {

  private final GuestbookClient frontDoor;
  private final int visitors;
  private final ConcurrentLinkedQueue<CrowdVisit> visits = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean going = new AtomicBoolean(true);
  private volatile long eventAt = Long.MAX_VALUE;
  private volatile long eventMillis = -1;

  Crowd(GuestbookClient frontDoor, int visitors) {
    this.frontDoor = frontDoor;
    this.visitors = visitors;
  }

  /**
   * Starts the visitors, lets each make a few requests, runs {@code event}, keeps them visiting
   * until {@code after} has passed since the event ended and they made a few requests in that time,
   * then stops them. Answers what the event answered.
   */
  <T> T around(Supplier<T> event, Duration after) {
    ExecutorService pool = Executors.newFixedThreadPool(visitors);
    String run = UUID.randomUUID().toString().substring(0, 8);
    try {
      for (int v = 0; v < visitors; v++) {
        String who = "visitor " + (v + 1);
        pool.execute(() -> visit(who, run));
      }
      await("every visitor has made 2 requests before the event")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> visits.size() >= 2L * visitors);
      long started = System.nanoTime();
      eventAt = started;
      T result = event.get();
      // Counted from the event's end (a docker stop takes a while): the visitors must meet the
      // stack as the event left it, for as long as `after`.
      long ended = System.nanoTime();
      long endedAtMillis = (ended - started) / 1_000_000;
      eventMillis = endedAtMillis;
      await(
              "visitors keep going "
                  + after.toMillis()
                  + " ms after the event ended, 4 requests each")
          .atMost(after.plus(Duration.ofSeconds(30)))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  System.nanoTime() - ended >= after.toNanos()
                      && visits.stream().filter(v -> v.atMillis() > endedAtMillis).count()
                          >= 4L * visitors);
      return result;
    } finally {
      going.set(false);
      pool.shutdown();
      try {
        if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  private void visit(String who, String run) {
    int n = 0;
    while (going.get()) {
      n++;
      String entry = "crowd " + run + " " + who + " #" + n;
      record(who + " signs", () -> frontDoor.sign(entry));
      record(who + " reads", frontDoor::listing);
    }
  }

  private void record(String request, Supplier<HttpResult> send) {
    long sent = sinceEvent();
    String outcome;
    boolean ok;
    try {
      HttpResult answer = send.get();
      ok = answer.status() == 200;
      outcome = ok ? "200" : answer.status() + " " + Text.abbreviate(answer.body(), 120);
    } catch (Exception e) { // REST Assured throws IOExceptions undeclared: a visitor must not die
      ok = false;
      outcome = "no answer: " + Text.firstLine(e);
    }
    visits.add(new CrowdVisit(request, ok, outcome, sent, sinceEvent()));
  }

  /** Milliseconds since the event began; before it, how long before (negative). */
  private long sinceEvent() {
    long at = eventAt;
    return at == Long.MAX_VALUE ? -1 : (System.nanoTime() - at) / 1_000_000;
  }

  /** How long the event took, in ms from its start: for a kill, until the task was seen dead. */
  long eventMillis() {
    return eventMillis;
  }

  List<CrowdVisit> visits() {
    return new ArrayList<>(visits);
  }

  int visitors() {
    return visitors;
  }

  List<CrowdVisit> failed() {
    return visits.stream().filter(v -> !v.ok()).toList();
  }
}
