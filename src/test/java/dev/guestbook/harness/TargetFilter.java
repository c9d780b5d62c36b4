package dev.guestbook.harness;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.HarnessConfigException;
import dev.guestbook.harness.config.Target;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves out, before anything runs, the scenarios meant for another target (by their tags, see
 * {@link Target#serves}): they are not part of this run, so the report shows what ran, and a
 * scenario for AWS does not appear as a failed-looking abort in a local run's HTML report.
 * Registered through {@code META-INF/services}; each one left out is logged.
 */
public final class TargetFilter implements PostDiscoveryFilter {

  private static final Logger LOG = LoggerFactory.getLogger(TargetFilter.class);

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (!descriptor.isTest() || !isCucumber(descriptor.getUniqueId())) {
      return FilterResult.included("not a scenario");
    }
    Target target;
    try {
      target = HarnessConfig.targetFromSystem();
    } catch (HarnessConfigException e) {
      return FilterResult.included("bdi.target is invalid: the run reports it");
    }
    Set<String> tags =
        descriptor.getTags().stream().map(t -> "@" + t.getName()).collect(Collectors.toSet());
    Optional<String> notServed = target.notServed(tags);
    if (notServed.isEmpty()) {
      return FilterResult.included("served by target " + target.key());
    }
    String why = notServed.get();
    LOG.info("{}: {}", why, descriptor.getDisplayName());
    return FilterResult.excluded(why);
  }

  private static boolean isCucumber(UniqueId id) {
    return id.getSegments().stream()
        .anyMatch(s -> "engine".equals(s.getType()) && "cucumber".equals(s.getValue()));
  }
}
