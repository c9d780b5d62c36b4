package dev.guestbook.harness.terraform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Terraform checks' results kept by the hash of everything they depend on: every file of the
 * configuration (as {@link TerraformCli#copyConfiguration} copies it), the terraform binary, the
 * provider mirror, Terraform's CLI configuration, and the harness's own code that makes and reads
 * them. A changed file, binary, provider or harness is a new key; nothing is ever stale, only
 * unused. Kept in the user's cache directory by default, so {@code mvn clean} does not lose it.
 */
public final class TerraformCache {

  private static final Logger LOG = LoggerFactory.getLogger(TerraformCache.class);

  /** The classes whose code decides what a reading, validate or a test run is. */
  private static final List<Class<?>> HARNESS =
      List.of(
          OfflineReading.class,
          ReadingFiles.class,
          MockValues.class,
          ProviderSchema.class,
          TerraformReading.class,
          PlanTimeAws.class,
          Locator.class,
          Hcl.class,
          TerraformCli.class,
          TerraformJobs.class,
          TerraformCache.class);

  private final Optional<Path> dir;

  private TerraformCache(Optional<Path> dir) {
    this.dir = dir;
  }

  /** A cache under {@code dir}; empty keeps nothing. */
  public static TerraformCache in(Optional<Path> dir) {
    return new TerraformCache(dir);
  }

  static TerraformCache none() {
    return new TerraformCache(Optional.empty());
  }

  /**
   * The key of check {@code kind} of the configuration in {@code module}: SHA-256 over the kind,
   * every configuration file (path and bytes), the binary and the provider mirror (path, size,
   * modification time of each file), {@code TF_CLI_CONFIG_FILE}'s text and the harness's classes.
   */
  String key(String kind, Path module, Path binary, Optional<Path> pluginDir) {
    if (dir.isEmpty()) {
      return "";
    }
    MessageDigest digest = sha256();
    update(digest, "kind " + kind);
    try {
      Path root = module.toRealPath();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          Path relative = root.relativize(file);
          if (TerraformCli.belongsToConfiguration(relative)) {
            update(digest, "file " + relative);
            digest.update(Files.readAllBytes(file));
          }
        }
      }
      stamp(digest, binary.toRealPath());
      if (pluginDir.isPresent() && Files.isDirectory(pluginDir.get())) {
        try (Stream<Path> files = Files.walk(pluginDir.get().toRealPath())) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            stamp(digest, file);
          }
        }
      }
      String cliConfig = System.getenv("TF_CLI_CONFIG_FILE");
      if (cliConfig != null && Files.isRegularFile(Path.of(cliConfig))) {
        digest.update(Files.readAllBytes(Path.of(cliConfig)));
      }
      for (Class<?> type : HARNESS) {
        try (InputStream code = type.getResourceAsStream(type.getSimpleName() + ".class")) {
          update(digest, "class " + type.getName());
          if (code != null) {
            digest.update(code.readAllBytes());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash the configuration in " + module, e);
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
  }

  /** What was kept under {@code key}, if this cache keeps anything and has it. */
  Optional<String> get(String kind, String key, Path module) {
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    Path file = dir.get().resolve(kind + "-" + key + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      LOG.info(
          "terraform {} of {}: the cached result is used (key {}, in {})",
          kind,
          module,
          key,
          dir.get());
      return Optional.of(text);
    } catch (IOException e) {
      LOG.warn(
          "terraform {} of {}: the cached result {} is unreadable, made anew", kind, module, file);
      return Optional.empty();
    }
  }

  /** Keeps {@code text} under {@code key}: written whole, then moved into place. */
  void put(String kind, String key, String text) {
    if (dir.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(dir.get());
      Path partial = Files.createTempFile(dir.get(), kind + "-", ".part");
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      Files.move(
          partial,
          dir.get().resolve(kind + "-" + key + ".json"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // a cache that cannot be written costs time, not correctness
      LOG.warn(
          "terraform {}: the result could not be cached in {}: {}", kind, dir.get(), e.toString());
    }
  }

  private static void stamp(MessageDigest digest, Path file) throws IOException {
    update(
        digest,
        "stamp "
            + file
            + " "
            + Files.size(file)
            + " "
            + Files.getLastModifiedTime(file).toMillis());
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
