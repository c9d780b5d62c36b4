Feature: Only the front door faces the outside, and the app runs unprivileged
  Visitors reach the guestbook through the load balancer and nothing else: Redis and
  the tasks are reachable only on the stack's own network. The app needs no root, so
  it runs without it. (On AWS the same promises are read from the Terraform: see
  terraform.feature. The embedded target runs every process on the host as whoever
  started it, so there is nothing to check there.)

  @compose
  Scenario: Only the front door is published on the host, and only on loopback
    Then the only port the stack publishes on the host is the front door's (lb 80), on 127.0.0.1

  @compose
  Scenario: The app's processes do not run as root
    Then no process of any running task runs as root

  @compose
  Scenario: A task cannot change its own filesystem, only its temp directory
    Then no running task can write to its own filesystem but its temp directory
