package dev.guestbook.harness.steps;

import dev.guestbook.harness.client.GuestbookClient;
import dev.guestbook.harness.client.HttpResult;
import dev.guestbook.harness.text.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Visitors who sign through the front door at the same moment, round after round: each round's
 * requests are held back until every visitor is ready, then let go together, so the front door
 * spreads simultaneous appends over the tasks. Each signing is kept with its answer.
 */
final class SameMoment {

  /** A round's requests are let go together; none may take longer than this to be answered. */
  private static final long ROUND_SECONDS = 30;

  /** One signing and how it was answered. */
  record Signing(String entry, int status, String servedBy, String outcome) {
    boolean acknowledged() {
      return status == 200;
    }
  }

  private SameMoment() {}

  static List<Signing> sign(GuestbookClient frontDoor, int visitors, int rounds) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Signing> signings = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(visitors);
    try {
      for (int round = 1; round <= rounds; round++) {
        CountDownLatch ready = new CountDownLatch(visitors);
        CountDownLatch go = new CountDownLatch(1);
        int r = round;
        List<Future<Signing>> requests =
            IntStream.rangeClosed(1, visitors)
                .mapToObj(
                    v ->
                        pool.submit(
                            () -> {
                              ready.countDown();
                              if (!go.await(ROUND_SECONDS, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("round " + r + " never let go");
                              }
                              return sign(frontDoor, "same " + run + " r" + r + " v" + v);
                            }))
                .toList();
        if (!ready.await(ROUND_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException(
              "round " + round + ": not every one of " + visitors + " visitors got ready");
        }
        go.countDown();
        for (Future<Signing> request : requests) {
          signings.add(request.get(ROUND_SECONDS, TimeUnit.SECONDS));
        }
      }
      return signings;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while visitors signed at the same moment", e);
    } catch (Exception e) {
      throw new IllegalStateException("visitors signing at the same moment: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Signing sign(GuestbookClient frontDoor, String entry) {
    try {
      HttpResult answer = frontDoor.sign(entry);
      return new Signing(
          entry,
          answer.status(),
          answer.servedBy(),
          answer.status() + " " + Text.abbreviate(answer.body(), 120));
    } catch (RuntimeException e) { // REST Assured throws IOExceptions undeclared
      return new Signing(entry, -1, "", "no answer: " + Text.firstLine(e));
    }
  }
}
