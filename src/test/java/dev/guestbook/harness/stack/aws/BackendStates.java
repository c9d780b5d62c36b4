package dev.guestbook.harness.stack.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The runs' states in the S3 backend, as the reaper reads them: {@code
 * <prefix>/<run-id>/terraform.tfstate}, and the lock Terraform's {@code use_lockfile} writes beside
 * it ({@code terraform.tfstate.tflock}), each with when it was last written.
 */
final class BackendStates {

  static final String STATE = "terraform.tfstate";
  static final String LOCK = STATE + ".tflock";
  private static final Pattern BUCKET = Pattern.compile("(?m)^\\s*bucket\\s*=\\s*\"([^\"]+)\"");

  private BackendStates() {}

  /** The bucket a {@code -backend-config} file names ({@code bucket = "…"}). */
  static String bucket(Path backendConfig) {
    try {
      Matcher m = BUCKET.matcher(Files.readString(backendConfig));
      if (!m.find()) {
        throw new IllegalArgumentException(backendConfig + " names no bucket (bucket = \"…\")");
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + backendConfig, e);
    }
  }

  /** Every run's state under {@code <namePrefix>/}, with its lock's age if it is locked. */
  static List<ReapPlan.StoredState> list(S3Client s3, String bucket, String namePrefix) {
    Map<String, Instant> written = new LinkedHashMap<>();
    Map<String, Instant> locked = new LinkedHashMap<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(namePrefix + "/")).contents()) {
      String[] parts = object.key().split("/");
      if (parts.length != 3 || !parts[0].equals(namePrefix)) {
        continue;
      }
      if (parts[2].equals(STATE)) {
        written.put(parts[1], object.lastModified());
      } else if (parts[2].equals(LOCK)) {
        locked.put(parts[1], object.lastModified());
      }
    }
    List<ReapPlan.StoredState> states = new ArrayList<>();
    written.forEach(
        (run, at) ->
            states.add(new ReapPlan.StoredState(run, at, Optional.ofNullable(locked.get(run)))));
    // a lock with no state yet: an apply killed before its first write of the state
    locked.forEach(
        (run, at) -> {
          if (!written.containsKey(run)) {
            states.add(new ReapPlan.StoredState(run, at, Optional.of(at)));
          }
        });
    return states;
  }

  /** Breaks a run's stale lock: what {@code terraform force-unlock} does for a lock file. */
  static void unlock(S3Client s3, String bucket, String namePrefix, String runId) {
    s3.deleteObject(b -> b.bucket(bucket).key(namePrefix + "/" + runId + "/" + LOCK));
  }
}
