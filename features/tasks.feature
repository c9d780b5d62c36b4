Feature: The service runs two healthy tasks behind the front door
  Production runs the guestbook as two tasks behind a load balancer, so that
  one task can fail or be replaced while visitors are still served.

  @local @aws
  Scenario: Exactly two tasks run and each is healthy
    Then exactly 2 tasks are running
    And every task reports healthy

  @local @aws
  Scenario: The front door spreads visitors over every task
    When a visitor opens the front door 10 times
    Then every running task served at least one of those visits
