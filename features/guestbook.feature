Feature: Visitors sign the guestbook through the front door
  The guestbook is reached through the front door (the load balancer) and keeps
  its entries in the Redis that the stack provisioned, so every task shows the
  same guestbook and a task can be replaced without losing anything.

  Tags name the targets that can run a scenario: @local (embedded and compose
  stacks) and @aws (the deployed stack).

  @local @aws
  Scenario: The front door serves the guestbook page
    When a visitor opens the front door
    Then the visitor sees the page titled "Guestbook" with a form to sign it

  @local @aws
  Scenario: A signed entry can be read back and is stored in the stack's Redis
    When a visitor signs the guestbook with a new message
    Then the guestbook read through the front door lists the message
    And every task's REDISHOST names the Redis the stack provisioned
    And that Redis holds the message

  @local
  Scenario: The tasks keep no state of their own
    When a visitor signs the guestbook through the first task with a new message
    Then every task lists the message when asked directly

  @local @aws
  Scenario: Markup in an entry is shown as text
    When a visitor signs the guestbook with the message "<script>alert('signed')</script>"
    Then the front page shows the message as text, not as markup

  @local @aws
  Scenario Outline: A bad entry is refused and nothing is stored: <entry>
    Given the guestbook as it stands
    When a visitor signs the guestbook with <entry>
    Then the entry is refused as a bad request with a JSON error
    And the guestbook is unchanged

    Examples:
      | entry                        |
      | an empty message             |
      | a message of 1001 characters |
      | a message of only spaces     |
