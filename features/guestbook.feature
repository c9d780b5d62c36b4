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

  @local @aws
  Scenario: Visitors signing at the same moment through both tasks lose no entry
    When 8 visitors sign the guestbook at the same moment through the front door, 4 times over
    Then the guestbook lists every one of those entries exactly once

  @local @aws
  Scenario: The page lists every entry, the oldest too
    Given the guestbook holds at least 25 entries
    When a visitor signs the guestbook with a new message
    Then the page through the front door lists every entry the guestbook holds, oldest first

  @local
  Scenario: The tasks keep no state of their own
    When a visitor signs the guestbook through the first task with a new message
    Then every task lists the message when asked directly

  @local @aws @browser
  Scenario: A visitor signs through the page and sees the entry there
    When a visitor signs «Signed in a real browser {marker}» through the page in a browser
    Then the visitor is back on the page and sees the entry there, as written
    And the entry and the page's form can be read: their text has at least WCAG 2.2 AA contrast
    And a visitor in a fresh browser sees the entry on the page too

  @local @aws @browser
  Scenario Outline: What a visitor writes comes back exactly: <what>
    When a visitor signs «<entry>» through the page in a browser
    Then the visitor is back on the page and sees the entry there, as written
    And the guestbook read through the front door lists the entry exactly as written

    Examples:
      | what                                           | entry                                                  |
      | the longest entry allowed, in a two-byte letter | {marker}{992×é}                                        |
      | the longest entry allowed, in emoji beyond the BMP | {marker}{992×😀}                                    |
      | Chinese and Japanese                           | {marker} 你好，留言簿に署名しました                      |
      | Arabic, right to left                          | {marker} مرحبا بكم في سجل الزوار                        |
      | combining marks, not normalised                | {marker} e\u{0301} n\u{0303} a\u{0308} Å              |
      | what a form must encode                        | {marker} & + % = ? # "double" 'single' <b>bold</b> ; / |
      | line breaks                                    | {marker} first line\nsecond line\n\nafter a blank one |
      | spaces before, between and after words         | {3× }{marker}  two  spaces   three, one after{1× }       |

  @local @aws
  Scenario Outline: A bad entry sent through the page's form is refused and nothing is stored: <what>
    Given the guestbook as it stands
    When a visitor sends the page's form with «<entry>», as a browser encodes it
    Then the entry is refused as a bad request with a JSON error
    And the guestbook is unchanged

    Examples:
      | what                         | entry          |
      | a message of 1001 characters | {1001×x}       |
      | only spaces and line breaks  | {3× }\n\n{2× } |

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
