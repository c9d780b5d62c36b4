package dev.guestbook.harness;

import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every scenario in {@code features/} on the target chosen by {@code bdi.target}, but the slow
 * fault scenarios ({@code @slow}, see {@link SlowFaultsIT}).
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ExcludeTags("slow")
public class GuestbookSpecsIT {}
