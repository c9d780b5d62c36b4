package dev.guestbook.harness.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a program is: a path to an executable file, or the first executable of that name on a PATH.
 */
public final class Executables {

  private Executables() {}

  /**
   * {@code program} itself when it names a path, else the first {@code dir/program} on {@code
   * path}.
   */
  public static Optional<Path> find(String program, String path) {
    if (program.contains(File.separator)) {
      Path direct = Path.of(program);
      return Files.isExecutable(direct) ? Optional.of(direct.toAbsolutePath()) : Optional.empty();
    }
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Optional.of(Path.of(dir, program));
      }
    }
    return Optional.empty();
  }
}
