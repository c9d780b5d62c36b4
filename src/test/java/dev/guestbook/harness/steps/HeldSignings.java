package dev.guestbook.harness.steps;

import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.text.Text;
import dev.guestbook.harness.verdict.HeldRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Visitors who each sign once, at the same time, through the front door, while Redis hangs: their
 * requests wait inside the tasks, so a task that gets SIGTERM now has requests it already accepted.
 */
final class HeldSignings implements AutoCloseable {

  private final ExecutorService pool;
  private final List<CompletableFuture<HeldRequest>> requests;

  HeldSignings(GuestbookClient frontDoor, int visitors) {
    pool = Executors.newFixedThreadPool(visitors);
    String run = UUID.randomUUID().toString().substring(0, 8);
    requests =
        IntStream.rangeClosed(1, visitors)
            .mapToObj(
                v ->
                    CompletableFuture.supplyAsync(
                        () -> sign(frontDoor, "visitor " + v + " signs", "held " + run + " #" + v),
                        pool))
            .toList();
  }

  private static HeldRequest sign(GuestbookClient frontDoor, String who, String entry) {
    try {
      HttpResult answer = frontDoor.sign(entry);
      String from = answer.servedBy().isEmpty() ? "" : " from " + answer.servedBy();
      return new HeldRequest(
          who,
          answer.status(),
          answer.servedBy(),
          answer.status() == 200
              ? "200" + from
              : answer.status() + from + ": " + Text.abbreviate(answer.body(), 160));
    } catch (RuntimeException e) { // REST Assured throws IOExceptions undeclared
      return new HeldRequest(who, -1, "", "no answer: " + Text.firstLine(e));
    }
  }

  /** How many have ended (answered or not). */
  long ended() {
    return requests.stream().filter(CompletableFuture::isDone).count();
  }

  /** Every request's outcome, once all have ended (within {@code bound}). */
  List<HeldRequest> outcomes(Duration bound) {
    await("all " + requests.size() + " held signing requests end")
        .atMost(bound)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> ended() == requests.size());
    return requests.stream().map(CompletableFuture::join).toList();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
