package dev.guestbook.harness.config;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Where the specs run, and which scenario tags each target can serve. */
public enum Target {
  EMBEDDED("embedded", Set.of("@local", "@embedded")),
  COMPOSE("compose", Set.of("@local", "@compose")),
  AWS("aws", Set.of("@aws"));

  /** Scenarios that need no stack at all run on every target. */
  public static final String EVERY_TARGET_TAG = "@static";

  private final String key;
  private final Set<String> tags;

  Target(String key, Set<String> tags) {
    this.key = key;
    this.tags = tags;
  }

  public String key() {
    return key;
  }

  public Set<String> tags() {
    return tags;
  }

  /** True when a scenario with these tags is meant to run on this target. */
  public boolean serves(Collection<String> scenarioTags) {
    return scenarioTags.contains(EVERY_TARGET_TAG)
        || scenarioTags.stream().anyMatch(tags::contains);
  }

  /**
   * Why a scenario with these tags is not run here ("not run on target …: scenario tags … name none
   * of …"), or empty when this target serves it.
   */
  public Optional<String> notServed(Collection<String> scenarioTags) {
    if (serves(scenarioTags)) {
      return Optional.empty();
    }
    return Optional.of(
        "not run on target '"
            + key
            + "': scenario tags "
            + scenarioTags
            + " name none of "
            + tags
            + " or "
            + EVERY_TARGET_TAG);
  }

  public static Target parse(String value) {
    return SettingValues.parse("bdi.target", "target", value, values(), Target::key);
  }
}
