Feature: The guestbook rides out the failures it is built for
  Two tasks behind a load balancer and a Redis with an append-only file are
  there so that losing a task or restarting Redis costs visitors little and
  loses no entry. These scenarios break the stack on purpose and put it back
  afterwards.

  @local @fault
  Scenario: The front door keeps serving while a task stops
    When one task is stopped while a visitor keeps reading the guestbook 30 times
    Then at most 1 of those visits failed
    And the visitor can still sign the guestbook through the front door

  @local @fault
  Scenario: Entries written before a Redis restart are all still there
    Given a visitor signs the guestbook with a new message
    When Redis stops
    Then the front door health check answers 503 with a JSON reason within 5 seconds
    When Redis starts again
    Then the front door health check answers 200 again within 30 seconds
    And the guestbook read through the front door lists the message

  @local @fault
  Scenario: While Redis is down, signing fails fast with a clear error
    When Redis stops
    Then signing the guestbook answers 503 with a JSON error within 3 seconds
    And reading the guestbook answers 503 with a JSON error within 3 seconds

  @local @fault @slow
  Scenario: Every acknowledged entry survives crashes and restarts, once each, in order
    Given visitors have signed the guestbook 5 times through the front door
    When Redis is killed and started again
    And visitors sign the guestbook 5 more times through the front door
    And one task is killed and started again
    And visitors sign the guestbook 5 more times through the front door
    And every task is restarted, one after the other
    Then the guestbook lists every acknowledged entry exactly once, in the order signed

  @local @fault @slow
  Scenario: While Redis hangs, signing and reading fail fast and everything recovers
    When Redis hangs
    Then signing the guestbook answers 503 with a JSON error within 3 seconds
    And reading the guestbook answers 503 with a JSON error within 3 seconds
    And the front door health check answers 503 with a JSON reason within 5 seconds
    When Redis resumes
    Then the front door health check answers 200 again within 30 seconds

  @local @fault @slow
  Scenario: Stopping a task costs concurrent visitors nothing
    When 4 visitors keep signing and reading through the front door while one task is stopped
    Then none of their requests failed

  @local @fault @slow
  Scenario: A task that gets SIGTERM finishes every request it had already accepted
    When Redis hangs
    And 6 visitors sign through the front door and one task gets SIGTERM while their requests wait on Redis
    Then every one of their requests was answered, none dropped
    And the task that got SIGTERM exited by itself within 12 seconds

  @local @fault @slow
  Scenario: A task killed hard costs visitors only the requests it held as it died
    When 4 visitors keep signing and reading through the front door for 7 seconds while one task is killed
    Then no request failed but those open while the task was dying
