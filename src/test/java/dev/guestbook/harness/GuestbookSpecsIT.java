package dev.guestbook.harness;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/** Runs every scenario in {@code features/} on the target chosen by {@code bdi.target}. */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
public class GuestbookSpecsIT {}
