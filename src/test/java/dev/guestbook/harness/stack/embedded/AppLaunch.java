package dev.guestbook.harness.stack.embedded;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * How a task's JVM is launched: the app jar, or any main class on a class path.
 *
 * @param javaArguments what follows the JVM options on the {@code java} command line
 */
public record AppLaunch(List<String> javaArguments) {

  public AppLaunch {
    javaArguments = List.copyOf(javaArguments);
  }

  public static AppLaunch jar(Path jar) {
    return new AppLaunch(List.of("-jar", jar.toString()));
  }

  public static AppLaunch mainClass(List<Path> classPath, String mainClass) {
    List<String> entries = classPath.stream().map(Path::toString).toList();
    return new AppLaunch(List.of("-cp", String.join(File.pathSeparator, entries), mainClass));
  }
}
