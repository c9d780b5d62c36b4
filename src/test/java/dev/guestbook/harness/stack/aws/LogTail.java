package dev.guestbook.harness.stack.aws;

import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The last lines a task wrote, from the awslogs stream {@code <prefix>/<container>/<task id>}. */
public final class LogTail {

  private final CloudWatchLogsClient logs;
  private final String group;
  private final String streamPrefix;

  public LogTail(CloudWatchLogsClient logs, String group, String streamPrefix) {
    this.logs = logs;
    this.group = group;
    this.streamPrefix = streamPrefix;
  }

  /**
   * Up to {@code lines} newest lines of the task's container, oldest first; a note when there are
   * none.
   */
  public List<String> last(String taskArn, String container, int lines) {
    String stream = streamPrefix + "/" + container + "/" + RolloutJudge.taskId(taskArn);
    try {
      List<OutputLogEvent> events =
          logs.getLogEvents(
                  b ->
                      b.logGroupName(group).logStreamName(stream).limit(lines).startFromHead(false))
              .events();
      return events.isEmpty()
          ? List.of("(no log lines in " + group + " " + stream + ")")
          : events.stream().map(OutputLogEvent::message).toList();
    } catch (ResourceNotFoundException e) {
      return List.of("(no log stream " + group + " " + stream + ": the container never started)");
    }
  }
}
